import { Client, type Pool } from "pg";

import type { Logger } from "../observability/logger";

/** How soon a lost listener connection is opened again. */
const RETRY_MS = 1_000;

export interface PgListenerOptions {
  /** The pool whose connection options the dedicated listening connection copies. */
  pool: Pool;
  channel: string;
  /** Every notification on `channel` (its payload, "" when it had none). */
  onNotification: (payload: string) => void;
  /**
   * Runs each time the listener is (again) listening after having lost its connection: notifications sent meanwhile
   * were missed, so whoever relies on them reads what they would have said.
   */
  onReconnected?: () => void;
  logger: Logger;
  /** Names the listener in log lines. */
  name: string;
}

/**
 * PostgreSQL LISTEN on a dedicated connection (a pooled one would lose its LISTEN when handed back), opened again
 * every RETRY_MS after it is lost until it works. NOTIFY needs no dedicated connection: send through the pool, or in
 * the transaction whose commit it announces (PostgreSQL delivers it only on commit).
 */
export class PgListener {
  private client: Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly options: PgListenerOptions) {}

  /** Listens; rejects if the first connection fails (later losses are retried). */
  async start(): Promise<void> {
    const { pool, channel, onNotification, logger, name } = this.options;
    const client = new Client(pool.options);
    client.on("notification", (message) => {
      if (message.channel === channel) onNotification(message.payload ?? "");
    });
    client.on("error", (error) => {
      logger.warn({ err: error }, `${name}: PostgreSQL listener lost, listening again`);
      this.reconnect(client);
    });
    client.on("end", () => this.reconnect(client));
    try {
      await client.connect();
      // A channel name is an identifier: quoted, so that any name works.
      await client.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private reconnect(lost: Client): void {
    if (this.stopped || this.client !== lost) return;
    this.client = null;
    lost.end().catch(() => undefined);
    const attempt = () => {
      this.retry = undefined;
      if (this.stopped) return;
      this.start().then(
        () => this.options.onReconnected?.(),
        () => (this.retry = setTimeout(attempt, RETRY_MS).unref()),
      );
    };
    this.retry = setTimeout(attempt, RETRY_MS).unref();
  }

  /** Whether the listening connection is open now. */
  listening(): boolean {
    return this.client !== null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
