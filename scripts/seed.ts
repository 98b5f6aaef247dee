import "reflect-metadata";

import { loadConfig } from "../src/config";
import { createDataSource } from "../src/database/data-source";
import { type RunningPostgres, startEmbeddedPostgres } from "../src/database/embedded-postgres";
import { seedDemoContentIfEmpty } from "../src/database/seed/demo-seed";

/** One-shot: apply pending migrations to DATABASE_URL (or the embedded database), then seed demo content if it is empty. */
async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: RunningPostgres | null = null;
  if (config.databaseUrl === null) {
    embedded = await startEmbeddedPostgres(config.embedded);
    console.log(`embedded PostgreSQL running on port ${config.embedded.port} (data in ${config.embedded.dataDir})`);
  }
  const dataSource = createDataSource({
    url: embedded?.url ?? config.databaseUrl!,
    poolMax: 2,
    applicationName: "byline-seed",
  });
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: "each" });
    if (applied.length > 0)
      console.log(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(", ")}`);
    const started = performance.now();
    const seeded = await seedDemoContentIfEmpty(dataSource);
    if (seeded) {
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      console.log(
        `Seeded demo content: ${seeded.authors} authors, ${seeded.articles} articles, ${seeded.tags} tags (${seconds} s).`,
      );
    } else {
      console.log("The database already has content; nothing to seed.");
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
