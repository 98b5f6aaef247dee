import { randomUUID } from "node:crypto";

import type { Pool } from "pg";

import { PgListener } from "../database/pg-listener";
import type { Logger } from "../observability/logger";

/** The PostgreSQL channel purges travel on. */
export const PURGE_CHANNEL = "byline_response_cache_purge";
/** NOTIFY payloads must stay under 8000 bytes; longer key lists go in several messages. */
const MAX_PAYLOAD = 7_000;

/**
 * Tells the other Byline instances of a purge, over PostgreSQL LISTEN/NOTIFY on a dedicated connection (so it works
 * without Redis, and on the primary every instance already reaches). Each instance then drops its own memory
 * entries and refreshes its publication schedule. Delivery follows the commit by milliseconds: the shared Redis store
 * is what makes a purge take effect everywhere before the mutation answers.
 */
export class PurgeBus {
  private readonly id = randomUUID();
  private readonly listener: PgListener;

  /**
   * `onRemotePurge` gets every other instance's purge; `onMissed` runs when the listener is back after losing its
   * connection (purges may have been missed meanwhile).
   */
  constructor(
    private readonly pool: Pool,
    private readonly onRemotePurge: (keys: string[], storeFailed: boolean) => void,
    private readonly onMissed: () => void,
    logger: Logger,
  ) {
    this.listener = new PgListener({
      pool,
      channel: PURGE_CHANNEL,
      name: "purge bus",
      logger,
      onNotification: (payload) => {
        if (!payload) return;
        const { from, keys, storeFailed } = JSON.parse(payload) as {
          from: string;
          keys: string[];
          storeFailed?: boolean;
        };
        if (from !== this.id) this.onRemotePurge(keys, storeFailed === true);
      },
      onReconnected: () => this.onMissed(),
    });
  }

  /** Listens; a connection lost later is opened again until it works (then `onMissed`). */
  start(): Promise<void> {
    return this.listener.start();
  }

  /**
   * Sends `keys` to the other instances (through the pool: NOTIFY needs no dedicated connection), and whether the
   * shared store failed to purge them.
   */
  async publish(keys: string[], storeFailed = false): Promise<void> {
    for (const chunk of chunks(keys)) {
      await this.pool.query("SELECT pg_notify($1, $2)", [
        PURGE_CHANNEL,
        JSON.stringify({ from: this.id, keys: chunk, ...(storeFailed ? { storeFailed } : {}) }),
      ]);
    }
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }
}

function chunks(keys: string[]): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const key of keys) {
    if (size + key.length + 3 > MAX_PAYLOAD && current.length > 0) {
      result.push(current);
      current = [];
      size = 0;
    }
    current.push(key);
    size += key.length + 3;
  }
  if (current.length > 0) result.push(current);
  return result;
}
