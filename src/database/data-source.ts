import { Client, type Pool } from "pg";
import { DataSource } from "typeorm";

import { migrations } from "../../migrations";
import { type DatabaseTimeouts, DEFAULT_DB_POOL_MAX, DEFAULT_DB_TIMEOUTS } from "../config";
import { entities } from "./entities";
import { SnakeNamingStrategy } from "./snake-naming.strategy";
import { StatementCountingLogger } from "./statement-counter";

export interface DataSourceOptions {
  url: string;
  poolMax?: number;
  applicationName?: string;
  /** Bounds on every wait for the database (config's DEFAULT_DB_TIMEOUTS when unset). */
  timeouts?: DatabaseTimeouts;
  /** A hot standby (ReadReplicas): TypeORM must not try to install extensions on connecting, which it refuses. */
  readOnly?: boolean;
}

/** The one DataSource definition, shared by the server, the scripts, the tests and the TypeORM CLI. */
export function createDataSource({
  url,
  poolMax = DEFAULT_DB_POOL_MAX,
  applicationName = "byline",
  timeouts = DEFAULT_DB_TIMEOUTS,
  readOnly = false,
}: DataSourceOptions): DataSource {
  return new DataSource({
    type: "postgres",
    url,
    entities,
    migrations,
    migrationsTableName: "migrations",
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: "pgcrypto",
    installExtensions: !readOnly,
    synchronize: false,
    logger: new StatementCountingLogger(),
    applicationName,
    // pg-pool hands these to every client it makes. TypeORM's statements and the reader pages' named ones
    // (ReadStatements) all go through this pool, so every statement has the same bounds.
    extra: {
      max: poolMax,
      Client: StatementBoundClient,
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
      query_timeout: timeouts.queryMs,
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

/** pg's error when `query_timeout` expires (it has no code). */
export const QUERY_READ_TIMEOUT = "Query read timeout";

/**
 * A pg client that closes its connection when a statement outlives `query_timeout`. pg itself only stops waiting
 * (pg 8.23, client.js): the statement stays in flight, the next one queues behind it on the same connection, and
 * the pool takes the client back as if it were healthy, so a server that never answers (frozen, partitioned) would
 * stall every later user of it, a transaction's ROLLBACK first. Closing the socket fails what is queued at once and
 * makes the client unqueryable, which pg-pool drops on release (pg does the same in pipeline mode).
 */
export class StatementBoundClient extends Client {
  // pg's query has a dozen overloads (promise or callback, text or config or Submittable); this one wrapper serves
  // them all and returns exactly what pg returns.
  override query(...args: unknown[]): never {
    const callbackAt = args.findIndex((arg) => typeof arg === "function");
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as (error: unknown, ...results: unknown[]) => void;
      args[callbackAt] = (error: unknown, ...results: unknown[]) => {
        this.closeIfTimedOut(error);
        callback(error, ...results);
      };
    }
    const result = (Client.prototype.query as (...queryArgs: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) result.catch((error: unknown) => this.closeIfTimedOut(error));
    return result as never;
  }

  private closeIfTimedOut(error: unknown): void {
    if (error instanceof Error && error.message === QUERY_READ_TIMEOUT) this.connection.stream.destroy();
  }
}
