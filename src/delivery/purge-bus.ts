import { randomUUID } from "node:crypto";

import { Client, type Pool } from "pg";

import type { Logger } from "../observability/logger";

/** The PostgreSQL channel purges travel on. */
export const PURGE_CHANNEL = "byline_response_cache_purge";
/** NOTIFY payloads must stay under 8000 bytes; longer key lists go in several messages. */
const MAX_PAYLOAD = 7_000;
/** How soon a lost listener connection is opened again. */
const RETRY_MS = 1_000;

/**
 * Tells the other Byline instances of a purge, over PostgreSQL LISTEN/NOTIFY on a dedicated connection (so it works
 * without Redis, and on the primary every instance already reaches). Each instance then drops its own memory
 * entries and refreshes its publication schedule. Delivery follows the commit by milliseconds: the shared Redis store
 * is what makes a purge take effect everywhere before the mutation answers.
 */
export class PurgeBus {
  private readonly id = randomUUID();
  private client: Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  /**
   * `onRemotePurge` gets every other instance's purge; `onMissed` runs when the listener is back after losing its
   * connection (purges may have been missed meanwhile).
   */
  constructor(
    private readonly pool: Pool,
    private readonly onRemotePurge: (keys: string[], storeFailed: boolean) => void,
    private readonly onMissed: () => void,
    private readonly logger: Logger,
  ) {}

  /** Listens; a connection lost later is opened again every RETRY_MS until it works. */
  async start(): Promise<void> {
    const client = new Client(this.pool.options);
    client.on("notification", (message) => {
      if (message.channel !== PURGE_CHANNEL || !message.payload) return;
      const { from, keys, storeFailed } = JSON.parse(message.payload) as {
        from: string;
        keys: string[];
        storeFailed?: boolean;
      };
      if (from !== this.id) this.onRemotePurge(keys, storeFailed === true);
    });
    client.on("error", (error) => {
      this.logger.warn({ err: error }, "purge bus: PostgreSQL listener lost, listening again");
      this.reconnect(client);
    });
    client.on("end", () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${PURGE_CHANNEL}`);
    this.client = client;
  }

  private reconnect(lost: Client): void {
    if (this.stopped || this.client !== lost) return;
    this.client = null;
    lost.end().catch(() => undefined);
    const attempt = () => {
      this.retry = undefined;
      if (this.stopped) return;
      this.start().then(this.onMissed, () => (this.retry = setTimeout(attempt, RETRY_MS).unref()));
    };
    this.retry = setTimeout(attempt, RETRY_MS).unref();
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

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
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
