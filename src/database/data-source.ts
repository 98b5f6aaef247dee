import type { Pool } from "pg";
import { DataSource } from "typeorm";

import { migrations } from "../../migrations";
import { entities } from "./entities";
import { SnakeNamingStrategy } from "./snake-naming.strategy";
import { StatementCountingLogger } from "./statement-counter";

export interface DataSourceOptions {
  url: string;
  poolMax?: number;
  applicationName?: string;
}

/** The one DataSource definition, shared by the server, the scripts, the tests and the TypeORM CLI. */
export function createDataSource({ url, poolMax = 10, applicationName = "byline" }: DataSourceOptions): DataSource {
  return new DataSource({
    type: "postgres",
    url,
    entities,
    migrations,
    migrationsTableName: "migrations",
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: "pgcrypto",
    synchronize: false,
    logger: new StatementCountingLogger(),
    applicationName,
    extra: {
      max: poolMax,
      connectionTimeoutMillis: 5_000,
      // The reader pages' named statements (ReadStatements) are planned once per connection, whatever their
      // parameters: left to choose, PostgreSQL re-plans the feed page on every execution. TypeORM's statements are
      // unnamed, so they are planned per execution anyway.
      options: "-c plan_cache_mode=force_generic_plan",
    },
  });
}

/** The pg Pool under a DataSource (TypeORM's PostgresDriver keeps it as `master`; 1.x has no public accessor). */
export function poolOf(dataSource: DataSource): Pool | undefined {
  return (dataSource.driver as unknown as { master?: Pool }).master;
}
