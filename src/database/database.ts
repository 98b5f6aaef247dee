import type { DataSource } from "typeorm";

import type { Config } from "../config";
import { createDataSource } from "./data-source";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { seedDemoContentIfEmpty } from "./seed/demo-seed";

export interface Database {
  dataSource: DataSource;
  /** Closes the pool, then stops the embedded PostgreSQL if there is one. */
  close(): Promise<void>;
}

/** Connects to DATABASE_URL (or starts the embedded PostgreSQL), applies migrations and seeds demo content as configured. */
export async function openDatabase(config: Config, log: (message: string) => void = console.log): Promise<Database> {
  const embedded = config.databaseUrl === null ? await startEmbeddedPostgres(config.embedded) : null;
  if (embedded) log(`embedded PostgreSQL running on port ${config.embedded.port} (data in ${config.embedded.dataDir})`);
  const dataSource = createDataSource({ url: embedded?.url ?? config.databaseUrl!, poolMax: config.dbPoolMax });
  try {
    await dataSource.initialize();
    if (config.migrationsRun) {
      const applied = await dataSource.runMigrations({ transaction: "each" });
      if (applied.length > 0) log(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(", ")}`);
    }
    if (config.seedDemo) {
      const seeded = await seedDemoContentIfEmpty(dataSource);
      if (seeded)
        log(`seeded demo content: ${seeded.authors} authors, ${seeded.articles} articles, ${seeded.tags} tags`);
    }
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
