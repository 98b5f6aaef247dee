import "reflect-metadata";

import { randomBytes } from "node:crypto";
import path from "node:path";

import { Client } from "pg";

import { createDataSource } from "../src/database/data-source";
import { createDatabaseIfMissing, quoteIdent, startEmbeddedPostgres } from "../src/database/embedded-postgres";

/**
 * Fails when the entities and the committed migrations disagree: applies every migration to a scratch database and
 * asks TypeORM what it would still change (the same comparison `migration:generate` makes).
 * Server: TEST_DATABASE_URL or DATABASE_URL when set, else an embedded PostgreSQL of its own.
 */
async function main(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const embedded = serverUrl
    ? null
    : await startEmbeddedPostgres({ dataDir: path.resolve(".data/postgres-check"), port: 54331, database: "postgres" });
  const adminUrl = serverUrl ?? embedded!.adminUrl;
  const scratch = `byline_migration_check_${randomBytes(4).toString("hex")}`;
  const url = new URL(adminUrl);
  url.pathname = `/${scratch}`;
  await createDatabaseIfMissing(adminUrl, scratch);
  const dataSource = createDataSource({ url: url.toString(), poolMax: 1 });
  let pending: string[] = [];
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: "each" });
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    pending = upQueries.map((query) => query.query.trim());
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`);
    await client.end();
    await embedded?.stop();
  }
  if (pending.length > 0) {
    console.error("The entities differ from the migrations. A new migration would run:\n");
    for (const query of pending) console.error(`  ${query};`);
    console.error(
      "\nRun `npm run migration:generate -- migrations/<Name>`, list it in migrations/index.ts, and commit it.",
    );
    process.exit(1);
  }
  console.log("Migrations match the entities.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
