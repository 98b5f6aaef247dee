import "reflect-metadata";

import { loadConfig } from "../src/config";
import { openDatabase } from "../src/database/database";
import { refreshAllRelated } from "../src/modules/related-news/related-engine";

/** One-shot: recompute every article's stored related news (once after upgrading, or after a bulk import). */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, {
    poolMax: 2,
    timeouts: config.dbTimeouts,
    applicationName: "byline-related",
  });
  try {
    const count = await database.dataSource.transaction((manager) => refreshAllRelated(manager));
    console.log(`refreshed the related news of ${count} articles`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
