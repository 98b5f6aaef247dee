import "reflect-metadata";

import { ConfigError, loadConfig } from "./config";
import { openDatabase } from "./database/database";
import { detachEmbeddedPostgresSignalHandlers, EmbeddedPostgresError } from "./database/embedded-postgres";
import { createProcessLogger } from "./observability/logger";
import { createServer } from "./server";

async function main(): Promise<void> {
  const config = loadConfig();
  const { logger, end: endLog } = createProcessLogger(config.logLevel);
  const database = await openDatabase(config, {
    poolMax: config.dbPoolMax,
    timeouts: config.dbTimeouts,
    migrate: config.migrationsRun,
    seed: config.seedDemo,
    log: (message) => logger.info(message),
  });
  const server = await createServer({ dataSource: database.dataSource, config, logger });
  await new Promise<void>((resolve) => server.httpServer.listen(config.port, config.host, resolve));
  logger.info({ url: `http://${config.host}:${config.port}/graphql` }, "Byline ready");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing in-flight requests");
    // Order matters: stop accepting and drain HTTP first, then the pool, then the embedded database.
    await server.stop();
    await database.close();
    logger.info("stopped");
    await endLog();
    process.exit(0);
  };
  detachEmbeddedPostgresSignalHandlers();
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) console.error(error.message);
  else console.error("Byline failed to start:", error);
  process.exit(1);
});
