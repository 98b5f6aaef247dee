import "reflect-metadata";

import { loadConfig } from "../config";
import { prepareDatabase } from "./database";

const config = loadConfig();

/**
 * For the TypeORM CLI (`npm run migration:*`): DATABASE_URL, or else the embedded PostgreSQL. The CLI awaits an
 * exported Promise of a DataSource (typeorm/commands/CommandUtils.js) and connects it itself.
 */
export default prepareDatabase(config, { applicationName: "byline-cli", timeouts: config.dbTimeouts }).then(
  ({ dataSource }) => dataSource,
);
