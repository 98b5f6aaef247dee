import "reflect-metadata";

import { loadConfig } from "../src/config";
import { openDatabase } from "../src/database/database";

/** One-shot: apply pending migrations to DATABASE_URL (or the embedded database) and exit. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, {
    poolMax: 1,
    timeouts: config.dbTimeouts,
    applicationName: "byline-migrate",
    migrate: true,
    log: console.log,
  });
  await database.close();
  console.log("Database is up to date.");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
