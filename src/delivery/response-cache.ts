import type { Pool } from "pg";
import { createClient, type RedisClientType } from "redis";

import { withDeadline } from "../common/deadline";
import type { Config } from "../config";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics";
import { PurgeBus } from "./purge-bus";

/** A cached answer: the uncompressed JSON body and the headers it was answered with. */
export interface CachedAnswer {
  body: string;
  headers: Array<[string, string]>;
}

/**
 * A lookup's outcome: the answer, or a miss with the purge sequence number seen before the database was read (null
 * when nothing may be stored, e.g. Redis is unreachable). A store with an older number is dropped: the answer may
 * have been read before a purge that it then would outlive.
 */
export type Lookup = { hit: CachedAnswer } | { hit: null; sequence: number | null };

/** Where entries live: this process's memory, or Redis shared by every instance. */
export interface CacheStore {
  readonly kind: "memory" | "redis";
  lookup(key: string): Lookup | Promise<Lookup>;
  store(key: string, answer: CachedAnswer, dependencies: string[], ttlMs: number, sequence: number): Promise<void>;
  /** Drops every entry that depends on one of `keys`, and advances the purge sequence; rejects if it could not. */
  purge(keys: string[]): Promise<number>;
  /** Tells every instance sharing the store of the next publication this one knows of (shared stores only). */
  noteNextPublication?(atMs: number): Promise<void>;
  /** Entries and bytes held (memory), or null where the store does not count them cheaply. */
  size(): { entries: number; bytes: number } | null;
  /** Whether the store is usable now (Redis connected and flushed after any outage). */
  available(): boolean;
  /**
   * Stops using a shared store until it has been flushed: another instance could not purge it, so it may hold
   * entries that should be gone.
   */
  distrust?(reason: string): void;
  close(): Promise<void>;
}

interface MemoryEntry {
  answer: CachedAnswer;
  bytes: number;
  expiresAt: number;
  dependencies: string[];
}

/** An LRU bounded by entries and bytes, with an index from each dependency key to the entries that depend on it. */
export class MemoryStore implements CacheStore {
  readonly kind = "memory";
  private readonly entries = new Map<string, MemoryEntry>();
  private readonly dependents = new Map<string, Set<string>>();
  private bytes = 0;
  private sequence = 0;

  constructor(private readonly limits: { maxEntries: number; maxBytes: number }) {}

  lookup(key: string): Lookup {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > Date.now()) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return { hit: entry.answer };
    }
    if (entry) this.remove(key);
    return { hit: null, sequence: this.sequence };
  }

  store(key: string, answer: CachedAnswer, dependencies: string[], ttlMs: number, sequence: number): Promise<void> {
    const bytes = answerBytes(answer);
    if (sequence !== this.sequence || ttlMs <= 0 || bytes > this.limits.maxBytes) return Promise.resolve();
    this.remove(key);
    this.entries.set(key, { answer, bytes, expiresAt: Date.now() + ttlMs, dependencies });
    this.bytes += bytes;
    for (const dependency of dependencies) {
      let keys = this.dependents.get(dependency);
      if (!keys) this.dependents.set(dependency, (keys = new Set()));
      keys.add(key);
    }
    while (this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes) {
      this.remove(this.entries.keys().next().value as string);
    }
    return Promise.resolve();
  }

  purge(keys: string[]): Promise<number> {
    this.sequence += 1;
    let purged = 0;
    for (const dependency of keys) {
      for (const key of this.dependents.get(dependency) ?? []) if (this.remove(key)) purged += 1;
    }
    return Promise.resolve(purged);
  }

  size() {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  available(): boolean {
    return true;
  }

  /** Drops every entry (and advances the sequence, so no read begun before is stored). */
  clear(): void {
    this.sequence += 1;
    this.entries.clear();
    this.dependents.clear();
    this.bytes = 0;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    for (const dependency of entry.dependencies) {
      const keys = this.dependents.get(dependency);
      keys?.delete(key);
      if (keys?.size === 0) this.dependents.delete(dependency);
    }
    return true;
  }
}

const answerBytes = (answer: CachedAnswer) =>
  Buffer.byteLength(answer.body) + answer.headers.reduce((n, [name, value]) => n + name.length + value.length, 0);

/**
 * Stores only if no purge ran since the lookup (KEYS[1] the sequence, KEYS[2] the entry), for no longer than the next
 * publication any instance announced (KEYS[3], epoch ms, when still to come), then indexes the entry under each
 * dependency (KEYS[4..]); a dependency set lives as long as the longest entry in it.
 */
const STORE_SCRIPT = `
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
local ttl = tonumber(ARGV[3])
local next_publication = tonumber(redis.call('GET', KEYS[3]) or '0')
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if next_publication > now and next_publication - now < ttl then ttl = next_publication - now end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ttl)
for i = 4, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[2])
  if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 1`;

/**
 * Records a publication time (ARGV[1], epoch ms) in KEYS[1] unless an earlier one still to come is there: an instance
 * that has not heard of a new schedule yet still stores nothing past it. Too early a bound only costs hits.
 */
const NEXT_PUBLICATION_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000
if current > now and current <= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', math.max(1, tonumber(ARGV[1]) - now))
return 1`;

/** Advances the sequence (KEYS[1]), then deletes every entry indexed under each dependency (KEYS[2..]) and the index. */
const PURGE_SCRIPT = `
redis.call('INCR', KEYS[1])
local purged = 0
for i = 2, #KEYS do
  local entries = redis.call('SMEMBERS', KEYS[i])
  for _, entry in ipairs(entries) do purged = purged + redis.call('DEL', entry) end
  redis.call('DEL', KEYS[i])
end
return purged`;

/** Redis stores an answer as JSON of [body, headers]. */
const encode = (answer: CachedAnswer) => JSON.stringify([answer.body, answer.headers]);
const decode = (text: string): CachedAnswer => {
  const [body, headers] = JSON.parse(text) as [string, Array<[string, string]>];
  return { body, headers };
};

/** How often a Redis that stopped answering is asked again. */
const REDIS_PROBE_MS = 500;

/**
 * Entries in Redis, shared by every instance: a purge deletes them for all at once, before the mutation answers.
 * Commands fail at once while Redis is unreachable (no offline queue) and after `commandTimeoutMs` while it does not
 * answer (frozen, partitioned: the connection stays open), so reads go to the database. After any outage every entry
 * under the prefix is deleted before the store is used again, since purges may have been missed meanwhile.
 */
export class RedisStore implements CacheStore {
  readonly kind = "redis";
  private readonly client: RedisClientType;
  private ready = false;
  private probing: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly sequenceKey: string;
  private readonly nextPublicationKey: string;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly commandTimeoutMs: number,
  ) {
    this.sequenceKey = `${prefix}sequence`;
    this.nextPublicationKey = `${prefix}next-publication`;
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 1_000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1_000) },
    }) as RedisClientType;
    this.client.on("error", (error: Error) => {
      if (this.ready) logger.warn({ err: error }, "response cache: Redis unreachable, answering from the database");
      this.ready = false;
    });
    this.client.on("ready", () => void this.recover());
  }

  /** Connects (without waiting for Redis: Byline answers from the database until it is there). */
  connect(): void {
    this.client.connect().catch(() => undefined);
  }

  private async recover(): Promise<void> {
    try {
      await this.flush();
      if (this.closed) return;
      this.ready = true;
      this.logger.info("response cache: Redis connected");
    } catch (error) {
      this.logger.warn({ err: error }, "response cache: Redis flush failed, staying on the database");
      this.probe();
    }
  }

  /**
   * A command failed or timed out on an open connection: stop using the store, and flush it once Redis answers again
   * (the client reconnects by itself only after the connection drops, which a frozen Redis never does).
   */
  distrust(reason: string): void {
    if (this.ready) this.logger.warn(`response cache: ${reason}, answering from the database`);
    this.ready = false;
    this.probe();
  }

  private probe(): void {
    if (this.probing || this.closed) return;
    this.probing = setTimeout(() => {
      this.probing = undefined;
      if (!this.client.isReady) return; // the client reconnects, then "ready" recovers
      this.bounded(this.client.ping()).then(
        () => this.recover(),
        () => this.probe(),
      );
    }, REDIS_PROBE_MS).unref();
  }

  /** `command`, bounded by `commandTimeoutMs`. */
  private bounded<T>(command: Promise<T>): Promise<T> {
    return withDeadline(command, this.commandTimeoutMs, "Redis");
  }

  /** Deletes every key under the prefix (the sequence too: advancing it would do, but the entries must go anyway). */
  private flush(): Promise<void> {
    return this.bounded(this.flushAll());
  }

  private async flushAll(): Promise<void> {
    for await (const keys of this.client.scanIterator({ MATCH: `${this.prefix}*`, COUNT: 1000 })) {
      if (keys.length > 0) await this.client.unlink(keys);
    }
    await this.client.incr(this.sequenceKey);
  }

  async lookup(key: string): Promise<Lookup> {
    if (!this.ready) return { hit: null, sequence: null };
    try {
      const [text, sequence] = await this.bounded(this.client.mGet([this.prefix + key, this.sequenceKey]));
      return text ? { hit: decode(text) } : { hit: null, sequence: Number(sequence ?? 0) };
    } catch {
      this.distrust("Redis lookup failed");
      return { hit: null, sequence: null };
    }
  }

  async store(key: string, answer: CachedAnswer, dependencies: string[], ttlMs: number, sequence: number) {
    if (!this.ready || ttlMs <= 0) return;
    const keys = [
      this.sequenceKey,
      this.prefix + key,
      this.nextPublicationKey,
      ...dependencies.map((d) => `${this.prefix}dep:${d}`),
    ];
    await this.bounded(
      this.client.eval(STORE_SCRIPT, { keys, arguments: [String(sequence), encode(answer), String(ttlMs)] }),
    ).catch(() => this.distrust("Redis store failed"));
  }

  /** Rejects when Redis did not purge: the store is then unused until flushed, here and (told so) elsewhere. */
  async purge(keys: string[]): Promise<number> {
    if (!this.ready) throw new Error("Redis is unavailable: the store is flushed before it is used again");
    const scriptKeys = [this.sequenceKey, ...keys.map((d) => `${this.prefix}dep:${d}`)];
    try {
      return Number(await this.bounded(this.client.eval(PURGE_SCRIPT, { keys: scriptKeys, arguments: [] })));
    } catch (error) {
      this.distrust("Redis purge failed");
      throw error;
    }
  }

  async noteNextPublication(atMs: number): Promise<void> {
    await this.bounded(
      this.client.eval(NEXT_PUBLICATION_SCRIPT, { keys: [this.nextPublicationKey], arguments: [String(atMs)] }),
    );
  }

  size() {
    return null;
  }

  available(): boolean {
    return this.ready;
  }

  async close(): Promise<void> {
    this.ready = false;
    this.closed = true;
    clearTimeout(this.probing);
    if (this.client.isOpen) await this.client.close().catch(() => this.client.destroy());
  }
}

/** What the response cache needs of the publication schedule (src/delivery/schedule.ts). */
export interface Schedule {
  secondsUntilNext(now?: number): number | null;
  refresh(): Promise<void>;
}

/** What the response cache reports to /metrics. */
export interface ResponseCacheMetrics {
  lookup(result: "hit" | "miss"): void;
  purged(entries: number): void;
}

export interface ResponseCacheOptions {
  store: CacheStore;
  /** Longest life of an entry, in milliseconds. */
  ttlMs: number;
  schedule: Schedule;
  metrics: ResponseCacheMetrics;
  logger: Logger;
  /** Tells the other instances of a purge, and whether the shared store failed it (null for a single instance). */
  publish?: (keys: string[], storeFailed: boolean) => Promise<void>;
}

/**
 * The response cache for anonymous reads: keyed by the operation (its persisted-query hash, else its text), its name
 * and its variables in canonical form; each entry is purged by the keys of what it depends on, and never outlives
 * the next scheduled publication.
 */
export class ResponseCache {
  constructor(private readonly options: ResponseCacheOptions) {}

  /**
   * The entry key of a GraphQL request (its GET search string or its POST body), or null when it names no operation
   * the cache could hold (a batch, no query or hash).
   */
  keyOf(method: string, search: string, body: unknown): string | null {
    if (method === "GET") {
      const params = new URLSearchParams(search);
      const parse = (name: string): unknown => {
        const text = params.get(name);
        if (text === null) return undefined;
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return NOT_JSON;
        }
      };
      return entryKey(params.get("query"), parse("extensions"), params.get("operationName"), parse("variables"));
    }
    if (method !== "POST" || typeof body !== "object" || body === null || Array.isArray(body)) return null;
    const { query, extensions, operationName, variables } = body as Record<string, unknown>;
    return entryKey(query, extensions, operationName, variables);
  }

  async lookup(key: string): Promise<Lookup> {
    const found = await this.options.store.lookup(key);
    this.options.metrics.lookup(found.hit ? "hit" : "miss");
    return found;
  }

  /** Keeps an answer until its TTL, or the next scheduled publication if that comes first. */
  async store(key: string, answer: CachedAnswer, dependencies: Iterable<string>, sequence: number): Promise<void> {
    const untilPublication = this.options.schedule.secondsUntilNext();
    const ttlMs =
      untilPublication === null ? this.options.ttlMs : Math.min(this.options.ttlMs, untilPublication * 1000);
    await this.options.store.store(key, answer, [...dependencies], ttlMs, sequence);
  }

  /**
   * Purges every entry depending on one of `keys`, here and on the other instances, and refreshes the schedule. Never
   * rejects: a store that cannot purge (Redis unreachable) is not used until it has been flushed.
   */
  async purge(keys: Iterable<string>): Promise<void> {
    const list = [...new Set(keys)];
    if (list.length === 0) return;
    let storeFailed = false;
    try {
      this.options.metrics.purged(await this.options.store.purge(list));
    } catch (error) {
      storeFailed = true;
      this.options.logger.warn(
        { err: error, keys: list },
        "response cache: purge failed, the store is flushed before it is used again",
      );
    }
    await Promise.all([
      this.announceSchedule(),
      // A shared store that could not be purged is distrusted by every instance until flushed.
      this.options.publish?.(list, storeFailed).catch((error: unknown) => {
        this.options.logger.warn({ err: error }, "response cache: purge not sent to other instances");
      }),
    ]);
  }

  /**
   * Reads the schedule again after a write, and tells a shared store of its next publication at once: another
   * instance hears of the write over the purge bus only later, and meanwhile must not store past that time.
   */
  private async announceSchedule(): Promise<void> {
    await this.options.schedule.refresh();
    const seconds = this.options.schedule.secondsUntilNext();
    if (seconds === null || !this.options.store.noteNextPublication) return;
    await this.options.store.noteNextPublication(Date.now() + seconds * 1000).catch(() => undefined);
  }

  /** After purges from other instances may have been missed: drops every in-process entry. */
  async purgeEverythingLocal(): Promise<void> {
    if (this.options.store instanceof MemoryStore) this.options.store.clear();
    await this.options.schedule.refresh();
  }

  /** A purge another instance announced: its own store is purged already when shared, unless that failed. */
  async purgeFromElsewhere(keys: string[], storeFailed: boolean): Promise<void> {
    if (this.options.store.kind === "memory") this.options.metrics.purged(await this.options.store.purge(keys));
    else if (storeFailed) this.options.store.distrust?.("another instance could not purge Redis");
    await this.options.schedule.refresh();
  }
}

const NOT_JSON = Symbol("not JSON");

function entryKey(query: unknown, extensions: unknown, operationName: unknown, variables: unknown): string | null {
  if (extensions === NOT_JSON || variables === NOT_JSON) return null;
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  const operation = typeof hash === "string" ? `#${hash}` : typeof query === "string" ? query : null;
  if (operation === null) return null;
  return JSON.stringify([operation, operationName ?? null, canonical(variables ?? null)]);
}

/** A JSON value with every object's keys sorted, so that `{a, b}` and `{b, a}` share an entry. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = canonical((value as Record<string, unknown>)[key]);
  return sorted;
}

/** A purge of the entries that depend on any of `keys`; resolves once done here and in the shared store. */
export type Purge = (keys: Iterable<string>) => Promise<void>;

/** A purge for when there is no response cache. */
export const NO_PURGE: Purge = () => Promise.resolve();

export interface ResponseCacheRuntime {
  cache: ResponseCache;
  /** For /readyz: which store, and whether it is usable now. */
  status(): { store: "memory" | "redis"; available: boolean };
  stop(): Promise<void>;
}

/**
 * The configured response cache, started: its store (Redis when `redisUrl` is set, connected in the background), and
 * the purge bus to the other instances.
 */
export async function startResponseCache(options: {
  config: Pick<Config, "redisUrl" | "responseCache" | "redisCommandTimeoutMs">;
  pool: Pool;
  schedule: Schedule;
  metrics: Metrics;
  logger: Logger;
  /** Prefix of every Redis key (tests give each server pair its own). */
  redisPrefix?: string;
}): Promise<ResponseCacheRuntime> {
  const { config, metrics, logger } = options;
  const store: CacheStore = config.redisUrl
    ? new RedisStore(config.redisUrl, options.redisPrefix ?? "byline:rc:", logger, config.redisCommandTimeoutMs)
    : new MemoryStore(config.responseCache);
  if (store instanceof RedisStore) store.connect();
  metrics.responseCacheSize = () => store.size();
  let bus: PurgeBus | null = null;
  const cache = new ResponseCache({
    store,
    ttlMs: config.responseCache.ttlSeconds * 1000,
    schedule: options.schedule,
    logger,
    metrics: {
      lookup: (result) => metrics.responseCacheLookups.inc({ result }),
      purged: (entries) => {
        metrics.responseCachePurges.inc();
        metrics.responseCachePurgedEntries.inc(entries);
      },
    },
    publish: (keys, storeFailed) => bus?.publish(keys, storeFailed) ?? Promise.resolve(),
  });
  bus = new PurgeBus(
    options.pool,
    (keys, storeFailed) => void cache.purgeFromElsewhere(keys, storeFailed),
    () => void cache.purgeEverythingLocal(),
    logger,
  );
  await bus.start();
  return {
    cache,
    status: () => ({ store: store.kind, available: store.available() }),
    async stop() {
      await bus?.stop();
      await store.close();
    },
  };
}
