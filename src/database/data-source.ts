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
    extra: { max: poolMax, connectionTimeoutMillis: 5_000 },
  });
}
