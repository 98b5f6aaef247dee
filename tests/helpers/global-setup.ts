import "reflect-metadata";

import { startEmbeddedPostgres } from "../../src/database/embedded-postgres";
import { EMBEDDED_TEST_DIR, EMBEDDED_TEST_PORT, prepareTemplate } from "./test-database";

/**
 * Points the tests at a real PostgreSQL: TEST_DATABASE_URL's server when set, otherwise an embedded PostgreSQL of
 * the tests' own (its own data dir and port, so a running dev server is not disturbed). Then migrates a template.
 */
export default async function globalSetup(): Promise<void> {
  const testUrl = process.env.TEST_DATABASE_URL;
  if (testUrl) {
    process.env.BYLINE_TEST_ADMIN_URL = testUrl;
  } else {
    const postgres = await startEmbeddedPostgres({
      dataDir: EMBEDDED_TEST_DIR,
      port: EMBEDDED_TEST_PORT,
      database: "postgres",
    });
    process.env.BYLINE_TEST_ADMIN_URL = postgres.adminUrl;
    (globalThis as { bylineTestPostgres?: typeof postgres }).bylineTestPostgres = postgres;
  }
  await prepareTemplate();
}
