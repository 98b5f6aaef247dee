import { AsyncLocalStorage } from "node:async_hooks";

import type { Logger } from "typeorm";

/** Per-request tally of SQL statements, carried through async calls (DataLoader batches included). */
export interface StatementTally {
  count: number;
}

const tallies = new AsyncLocalStorage<StatementTally>();

/** Runs `fn` with a fresh tally; every statement TypeORM sends while it runs is counted there. */
export function withStatementTally<T>(tally: StatementTally, fn: () => T): T {
  return tallies.run(tally, fn);
}

/**
 * TypeORM calls `logQuery` once for every statement it sends (BEGIN/COMMIT included), whatever the logging options,
 * so counting here sees exactly what reaches PostgreSQL.
 */
export class StatementCountingLogger implements Logger {
  logQuery(): void {
    const tally = tallies.getStore();
    if (tally) tally.count += 1;
  }
  // A failed query surfaces as an error of its request, logged there as one JSON line with the request id.
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (process.env.NODE_ENV !== "test") console.log(message);
  }
  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") console.warn(message);
  }
}
