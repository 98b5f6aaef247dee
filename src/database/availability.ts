import type { DataSource } from "typeorm";

import { poolOf, QUERY_READ_TIMEOUT } from "./data-source";

/**
 * SQLSTATEs of a database that is not answering rather than of a statement that is wrong: 57014 query_canceled
 * (statement_timeout), 57P01-57P03 (shutting down, crashed, not accepting connections yet), 53300 too many
 * connections, and class 08, connection exceptions.
 */
const UNAVAILABLE_SQLSTATES = new Set(["57014", "57P01", "57P02", "57P03", "53300"]);
const CONNECTION_EXCEPTION_CLASS = "08";

/** Socket errors of a server that is down or unreachable. */
const UNAVAILABLE_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * pg and pg-pool report their own bounds and a lost connection by message only (pg 8.23, pg-pool 3.14): the
 * query_timeout, waiting for a pool slot, connectionTimeoutMillis ("Connection terminated due to connection
 * timeout"), a connection lost ("... unexpectedly"), and a client whose connection failed.
 */
const UNAVAILABLE_MESSAGES = [
  QUERY_READ_TIMEOUT,
  "timeout exceeded when trying to connect",
  "Connection terminated",
  "Client has encountered a connection error and is not queryable",
];

/** The errors an error stands for: itself, then what it wraps (TypeORM's `driverError`, GraphQL's `originalError`, a `cause`). */
function* chainOf(error: unknown): Generator<Record<string, unknown>> {
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 5; depth += 1) {
    const record = current as Record<string, unknown>;
    yield record;
    current = record.driverError ?? record.originalError ?? record.cause;
  }
}

/**
 * Whether an error means that the database did not answer (down, frozen, unreachable, or a statement or connection
 * past its bound) rather than that Byline or the client did something wrong: the same request may succeed later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const link of chainOf(error)) {
    const code = typeof link.code === "string" ? link.code : "";
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code)) return true;
    if (code.length === 5 && code.startsWith(CONNECTION_EXCEPTION_CLASS)) return true;
    const message = typeof link.message === "string" ? link.message : "";
    if (UNAVAILABLE_MESSAGES.some((known) => message.startsWith(known))) return true;
  }
  return false;
}

/**
 * Resolves when the database answers `SELECT 1` within `timeoutMs`, waiting for a pool connection included; rejects
 * with the reason otherwise. A probe that gives up leaves its statement to the pool's own bounds.
 */
export async function probeDatabase(dataSource: DataSource, timeoutMs: number): Promise<void> {
  const pool = poolOf(dataSource);
  if (!pool) throw new Error("the DataSource is not connected");
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([pool.query("SELECT 1"), expiry]);
  } finally {
    clearTimeout(timer);
  }
}
