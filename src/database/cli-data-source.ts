import "reflect-metadata";

import { loadConfig } from "../config";
import { createDataSource } from "./data-source";
import { startEmbeddedPostgres } from "./embedded-postgres";

/** For the TypeORM CLI (`npm run migration:*`): DATABASE_URL, or else the embedded PostgreSQL. */
export default (async () => {
  const config = loadConfig();
  const url = config.databaseUrl ?? (await startEmbeddedPostgres(config.embedded)).url;
  return createDataSource({ url, applicationName: "byline-cli" });
})();
