import "reflect-metadata";

import { ConfigError, loadConfig } from "./config";
import { openDatabase } from "./database/database";
import { detachEmbeddedPostgresSignalHandlers, EmbeddedPostgresError } from "./database/embedded-postgres";
import { createServer } from "./server";

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  const server = await createServer({ dataSource: database.dataSource, config });
  await new Promise<void>((resolve) => server.httpServer.listen(config.port, config.host, resolve));
  console.log(`Byline ready at http://${config.host}:${config.port}/graphql`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing in-flight requests`);
    await server.stop();
    await database.close();
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
