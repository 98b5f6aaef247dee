import "reflect-metadata";

import { loadConfig } from "../src/config";
import { openDatabase } from "../src/database/database";
import { refreshAllRelated } from "../src/modules/related-news/related-engine";

/** Batches refreshed at once: the machine's cores are what bounds a full refresh. */
const CONCURRENCY = 2;

/**
 * One-shot: recompute every article's stored related news (once after upgrading, or after a bulk import). Batches
 * commit one by one (a write meanwhile refreshes the lists it affects as usual); progress goes to stderr.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, {
    poolMax: CONCURRENCY,
    timeouts: config.dbTimeouts,
    applicationName: "byline-related",
  });
  try {
    const started = performance.now();
    let reported = 0;
    const count = await refreshAllRelated(database.dataSource, {
      concurrency: CONCURRENCY,
      onProgress: (done, total) => {
        if (done < total && performance.now() - reported < 5_000) return;
        reported = performance.now();
        const seconds = ((reported - started) / 1000).toFixed(0);
        console.error(`${done}/${total} lists (${Math.floor((100 * done) / total)}%, ${seconds} s)`);
      },
    });
    console.log(`refreshed the related news of ${count} articles`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
