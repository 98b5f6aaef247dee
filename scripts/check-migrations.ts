import "reflect-metadata";

import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { Client } from "pg";
import ts from "typescript";

import { openDatabase, reachPostgres } from "../src/database/database";
import { createDatabaseIfMissing, quoteIdent } from "../src/database/embedded-postgres";

const MIGRATIONS_DIR = path.resolve(__dirname, "..", "migrations");

/**
 * Fails when a migration imports code from outside migrations/ (a later change to that code would change what an old
 * migration does: copy what it needs instead), or when the entities and the committed migrations disagree: applies
 * every migration to a scratch database and asks TypeORM what it would still change (the same comparison
 * `migration:generate` makes). Server: TEST_DATABASE_URL or DATABASE_URL when set, else an embedded PostgreSQL of its
 * own.
 */
async function main(): Promise<void> {
  const outside = importsFromOutside(MIGRATIONS_DIR);
  if (outside.length > 0) {
    console.error("Migrations must not import code from outside migrations/ (copy what they need instead):\n");
    for (const { file, specifier } of outside) console.error(`  ${path.relative(process.cwd(), file)}: "${specifier}"`);
    process.exit(1);
  }
  const pending = await pendingSchemaChanges();
  if (pending.length > 0) {
    console.error("The entities differ from the migrations. A new migration would run:\n");
    for (const query of pending) console.error(`  ${query};`);
    console.error(
      "\nRun `npm run migration:generate -- migrations/<Name>`, list it in migrations/index.ts, and commit it.",
    );
    process.exit(1);
  }
  console.log("Migrations match the entities and import nothing from outside migrations/.");
}

export interface OutsideImport {
  file: string;
  specifier: string;
}

/**
 * The imports (static, dynamic or `require`) of the TypeScript files under `dir` that name a file outside `dir`.
 * Packages (`typeorm`, `markdown-it`, `node:crypto`) are allowed: they are pinned in package.json.
 */
export function importsFromOutside(dir: string): OutsideImport[] {
  const root = path.resolve(dir);
  const files = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
    .map((name) => path.join(root, name));
  return files.flatMap((file) =>
    ts
      .preProcessFile(readFileSync(file, "utf8"), true, true)
      .importedFiles.map(({ fileName }) => fileName)
      .filter((specifier) => namesAFile(specifier) && !isInside(root, path.resolve(path.dirname(file), specifier)))
      .map((specifier) => ({ file, specifier })),
  );
}

const namesAFile = (specifier: string): boolean => specifier.startsWith(".") || path.isAbsolute(specifier);
const isInside = (root: string, target: string): boolean => !path.relative(root, target).startsWith("..");

/** What TypeORM would still change after every migration has run on a scratch database. */
async function pendingSchemaChanges(): Promise<string[]> {
  const server = await reachPostgres({
    databaseUrl: process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null,
    embedded: { dataDir: path.resolve(".data/postgres-check"), port: 54331, database: "postgres" },
  });
  const scratch = `byline_migration_check_${randomBytes(4).toString("hex")}`;
  const url = new URL(server.adminUrl);
  url.pathname = `/${scratch}`;
  try {
    await createDatabaseIfMissing(server.adminUrl, scratch);
    const database = await openDatabase({ databaseUrl: url.toString() }, { poolMax: 1, migrate: true });
    try {
      const { upQueries } = await database.dataSource.driver.createSchemaBuilder().log();
      return upQueries.map((query) => query.query.trim());
    } finally {
      await database.close();
    }
  } finally {
    const client = new Client({ connectionString: server.adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`);
    await client.end();
    await server.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
