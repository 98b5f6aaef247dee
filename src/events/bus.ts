import type { Pool } from "pg";
import { createClient, type RedisClientType } from "redis";

import { withDeadline } from "../common/deadline";
import { PgListener } from "../database/pg-listener";
import { createLogger, type Logger } from "../observability/logger";
import {
  ARTICLE_EVENTS_CHANNEL,
  type ArticleEvent,
  type ArticleEventSignals,
  compareIds,
  EVENT_COLUMNS,
  eventOfRow,
  SCHEDULE_SIGNAL,
} from "./article-events";

/** Receives each article event once, in id order (which is commit order). */
export type ArticleEventListener = (event: ArticleEvent) => void;

/** Events read from the outbox per statement while catching up. */
const PAGE = 500;
/** How soon a failed read of the outbox is tried again. */
const RETRY_MS = 1_000;
/** How long start waits for Redis before going on without it (signals flow once it is there). */
const REDIS_START_WAIT_MS = 2_000;

export interface ArticleEventBusOptions {
  pool: Pool;
  /** Redis carries the signals between instances when set; PostgreSQL LISTEN/NOTIFY otherwise. */
  redisUrl: string | null;
  /** Bound on one Redis command (`REDIS_COMMAND_TIMEOUT_MS`): a frozen Redis must not hold a mutation up. */
  redisCommandTimeoutMs: number;
  /** Runs when some instance changed the publication schedule (the announcer looks again). */
  onScheduleChanged: () => void;
}

/**
 * Article events on this instance: every event recorded by any instance reaches each subscriber here exactly once,
 * in id order. The events live in the outbox (article_events); what crosses instances is only a signal that there is
 * something new, over PostgreSQL LISTEN/NOTIFY by default or Redis pub/sub when `REDIS_URL` is set. On each signal, and
 * after a lost connection is back, the bus reads every event after the last one it delivered, so a missed signal
 * delays events but loses none.
 */
export class ArticleEventBus implements ArticleEventSignals {
  private readonly listeners = new Set<ArticleEventListener>();
  private lastSeen = "0";
  private logger: Logger = createLogger("silent");
  private listener: PgListener | null = null;
  private redis: { subscriber: RedisClientType; publisher: RedisClientType; channel: string } | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: ArticleEventBusOptions) {}

  /**
   * Adds a listener for every later event (on this instance); returns what removes it. A listener that throws is
   * logged and keeps its subscription; one that needs to do slow work must queue it.
   */
  subscribe(listener: ArticleEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The id of the last event delivered here ("0" before any). */
  position(): string {
    return this.lastSeen;
  }

  /** Starts from the newest event there is (later ones are delivered) and listens. */
  async start({ logger, redisPrefix = "byline:" }: { logger?: Logger; redisPrefix?: string } = {}): Promise<void> {
    if (logger) this.logger = logger;
    const rows = (await this.options.pool.query("SELECT max(id)::text AS id FROM article_events")) as {
      rows: Array<{ id: string | null }>;
    };
    this.lastSeen = rows.rows[0]?.id ?? "0";
    if (this.options.redisUrl) await this.startRedis(this.options.redisUrl, `${redisPrefix}article-events`);
    else await this.startPostgres();
  }

  private async startPostgres(): Promise<void> {
    this.listener = new PgListener({
      pool: this.options.pool,
      channel: ARTICLE_EVENTS_CHANNEL,
      name: "article events",
      logger: this.logger,
      onNotification: (payload) => this.signal(payload),
      onReconnected: () => this.caughtUp(),
    });
    await this.listener.start();
  }

  /**
   * Connects to Redis in the background (Byline starts without it; signals flow once it is there), waiting at most
   * REDIS_START_WAIT_MS for the subscription.
   */
  private async startRedis(url: string, channel: string): Promise<void> {
    const publisher = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 1_000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1_000) },
    }) as RedisClientType;
    const subscriber = publisher.duplicate() as RedisClientType;
    for (const client of [publisher, subscriber]) {
      client.on("error", (error: Error) => this.logger.warn({ err: error }, "article events: Redis unreachable"));
    }
    let subscribed = false;
    let onSubscribed: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (onSubscribed = resolve));
    // Redis subscribes again by itself after a reconnect; signals sent meanwhile were missed, and so was anything
    // recorded before the first subscription.
    subscriber.on("ready", () => {
      if (subscribed) return this.caughtUp();
      subscriber
        .subscribe(channel, (message) => this.signal(message))
        .then(
          () => {
            subscribed = true;
            onSubscribed();
            this.caughtUp();
          },
          (error: unknown) => this.logger.warn({ err: error }, "article events: Redis subscription failed"),
        );
    });
    this.redis = { subscriber, publisher, channel };
    publisher.connect().catch(() => undefined);
    subscriber.connect().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([first, new Promise((resolve) => (timer = setTimeout(resolve, REDIS_START_WAIT_MS)))]);
    clearTimeout(timer);
  }

  /** Tells every instance (over Redis) that events have committed; over PostgreSQL their NOTIFY already did. */
  async eventsCommitted(): Promise<void> {
    await this.send("events");
  }

  /** Tells every instance (over Redis) that the schedule changed; over PostgreSQL the transaction's NOTIFY did. */
  async scheduleChanged(): Promise<void> {
    await this.send(SCHEDULE_SIGNAL);
  }

  private async send(message: string): Promise<void> {
    if (!this.redis) return;
    // A lost signal only delays: the next one, or a reconnect, reads everything after the last event delivered.
    const { publisher, channel } = this.redis;
    await withDeadline(publisher.publish(channel, message), this.options.redisCommandTimeoutMs, "Redis").catch(
      (error: unknown) => {
        this.logger.warn({ err: error }, "article events: signal not sent over Redis");
      },
    );
  }

  private signal(payload: string): void {
    if (payload === SCHEDULE_SIGNAL) this.options.onScheduleChanged();
    else if (payload === "events" || compareIds(payload, this.lastSeen) > 0) void this.read();
  }

  private caughtUp(): void {
    void this.read();
    this.options.onScheduleChanged();
  }

  /** Reads and delivers every event after the last one delivered; one read at a time, again if signalled meanwhile. */
  private read(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = (async () => {
      try {
        do {
          this.readAgain = false;
          let page: ArticleEvent[];
          do {
            page = await this.page();
            for (const event of page) this.deliver(event);
          } while (page.length === PAGE && !this.stopped);
        } while (this.readAgain && !this.stopped);
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn({ err: error }, "article events: reading the outbox failed, trying again");
        clearTimeout(this.retry);
        this.retry = setTimeout(() => void this.read(), RETRY_MS).unref();
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  private async page(): Promise<ArticleEvent[]> {
    const result = await this.options.pool.query(
      `SELECT ${EVENT_COLUMNS} FROM article_events WHERE id > $1::bigint ORDER BY id LIMIT ${PAGE}`,
      [this.lastSeen],
    );
    return (result.rows as Parameters<typeof eventOfRow>[0][]).map(eventOfRow);
  }

  private deliver(event: ArticleEvent): void {
    if (compareIds(event.id, this.lastSeen) <= 0) return;
    this.lastSeen = event.id;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, eventId: event.id }, "article events: a subscriber failed");
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.listener?.stop();
    if (this.redis) {
      const { subscriber, publisher } = this.redis;
      this.redis = null;
      // Destroyed, not closed: closing waits for pending commands, which a frozen Redis never answers (and signals
      // need no flushing: the outbox has the events).
      for (const client of [subscriber, publisher]) if (client.isOpen) client.destroy();
    }
    await this.reading;
  }
}
