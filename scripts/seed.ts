import "reflect-metadata";

import { loadConfig } from "../src/config";
import { openDatabase } from "../src/database/database";

/** One-shot: apply pending migrations to DATABASE_URL (or the embedded database), then seed demo content if it is empty. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, {
    poolMax: 2,
    timeouts: config.dbTimeouts,
    applicationName: "byline-seed",
    migrate: true,
    seed: true,
    log: console.log,
  });
  await database.close();
  if (!database.seeded) console.log("The database already has content; nothing to seed.");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
