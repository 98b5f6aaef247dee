import { randomBytes } from "node:crypto";
import path from "node:path";

import type { CacheDurations } from "./delivery/cache-policy";
import { articleUrlTemplateProblem, isHttpUrl } from "./modules/articles/article-url";

/** Everything Byline reads from the environment, parsed and validated once at start-up. */
export interface Config {
  nodeEnv: "development" | "production" | "test";
  host: string;
  port: number;
  /** A PostgreSQL URL, or null to start the embedded PostgreSQL. */
  databaseUrl: string | null;
  /**
   * Streaming standbys of that database (`DATABASE_REPLICA_URLS`, comma-separated): anonymous readers' queries go to a
   * healthy one; editors and every write use the primary. Empty: everything reads the primary.
   */
  databaseReplicaUrls: string[];
  /**
   * When a replica counts as healthy: it answers, is in recovery, and is at most `maxLagMs` behind the primary
   * (`REPLICA_MAX_LAG_MS`); each is checked every `checkIntervalMs` (`REPLICA_CHECK_INTERVAL_MS`).
   */
  replicas: { maxLagMs: number; checkIntervalMs: number };
  dbPoolMax: number;
  /** How long Byline waits for the database at each step; past a bound a request gets SERVICE_UNAVAILABLE (503). */
  dbTimeouts: DatabaseTimeouts;
  /** Apply pending migrations at start. */
  migrationsRun: boolean;
  /** Seed demo content into an empty database at start. */
  seedDemo: boolean;
  embedded: { dataDir: string; port: number };
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** Answer every GraphQL request with an `X-SQL-Statements` header (the statements it cost). */
  exposeSqlStatements: boolean;
  /** Serve the GraphiQL sandbox at GET /graphql for browsers. */
  sandbox: boolean;
  /** Where `npm run build:sandbox` put the sandbox's files. */
  sandboxAssetsDir: string;
  /** Key that signs article preview tokens. */
  previewSecret: string;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** Serve Prometheus metrics at /metrics. */
  metrics: boolean;
  /** Answer introspection queries (the sandbox's Docs pane needs them). */
  introspection: boolean;
  /**
   * How reader pages are read: `look-ahead` builds each root field's whole answer in one SQL statement from what the
   * query selects; `loaders` resolves every relation through its DataLoader (the general path, for comparison).
   */
  readPath: "sql-answers" | "look-ahead" | "loaders";
  /**
   * How long delta sync keeps a deleted article's tombstone, in seconds (`SYNC_TOMBSTONE_RETENTION`, e.g. `30d`): a
   * `feedChanges` token older than this gets SYNC_TOKEN_EXPIRED, since removals before it may have been pruned.
   */
  syncTombstoneRetentionSeconds: number;
  /**
   * How long finished webhook deliveries and past article events are kept (`EVENT_RETENTION`, e.g. `30d`); each
   * article's newest event, and any a pending delivery needs, are kept whatever their age.
   */
  eventRetentionSeconds: number;
  /** Redis shared by every instance for the response cache (`REDIS_URL`), or null. */
  redisUrl: string | null;
  /**
   * The response cache for anonymous reads: in Redis when `redisUrl` is set, else in this process's memory, bounded
   * by entries and bytes (LRU); entries live `ttlSeconds` at most.
   */
  responseCache: { enabled: boolean; maxEntries: number; maxBytes: number; ttlSeconds: number };
  /**
   * How long one Redis command may take (`REDIS_COMMAND_TIMEOUT_MS`): past it Redis counts as gone (a frozen or
   * partitioned Redis keeps its connection open), reads go to the database, and the store is flushed before it is
   * used again.
   */
  redisCommandTimeoutMs: number;
  /** What one GraphQL request may ask for; larger requests are refused with a 400 before anything runs. */
  limits: { maxDepth: number; maxAliases: number; maxCost: number; maxTokens: number };
  /** GraphQL subscriptions over WebSocket and Server-Sent Events (src/graphql/live/). */
  subscriptions: SubscriptionLimits;
  /** How long caches may keep an anonymous read of published content (never past the next scheduled publication). */
  httpCache: CacheDurations;
  /** GraphQL answers of at least this many bytes are compressed (gzip or brotli, as the client accepts). */
  compressionMinBytes: number;
  /** How webhook deliveries are sent and retried (src/modules/webhooks). */
  webhooks: WebhookConfig;
  /** How connections' `totalCount` is counted: exactly up to a bound and within a time, else estimated. */
  counts: CountBounds;
  /** The public site that `Article.url`, feeds and sitemaps link to. */
  site: SiteConfig;
  /** RSS/Atom/JSON feeds and sitemaps (src/syndication/). */
  syndication: { feedItems: number; sitemapPageSize: number };
}

/** The public site (`PUBLIC_SITE_URL`, `PUBLIC_ARTICLE_URL`, `SITE_*`). */
export interface SiteConfig {
  /** The site's home, without a trailing slash; feeds and sitemaps are linked under it (`/feeds/...`, `/sitemap.xml`). */
  url: string;
  /** Template of an article's public URL holding `{slug}` or `{id}` (src/modules/articles/article-url.ts). */
  articleUrl: string;
  /** The site's name: feed titles and the Google News publication name. */
  title: string;
  description: string;
  /** Language of the content (ISO 639, e.g. `en`, `pt-br`), for feeds and the news sitemap. */
  language: string;
}

/** What one subscriber may hold open (`SUBSCRIPTION_*`); past a bound it gets TOO_MANY_SUBSCRIPTIONS. */
export interface SubscriptionLimits {
  /** Subscriptions at once on one WebSocket (`SUBSCRIPTIONS_PER_CONNECTION`). */
  perConnection: number;
  /** WebSockets and event streams at once for one API key (`SUBSCRIPTION_CONNECTIONS_PER_KEY`). */
  connectionsPerKey: number;
  /** WebSockets and event streams at once for anonymous clients of one IP address (`SUBSCRIPTION_CONNECTIONS_PER_ADDRESS`). */
  connectionsPerAddress: number;
  /** How long a new WebSocket may take to send its `connection_init` (`SUBSCRIPTION_INIT_TIMEOUT_MS`). */
  initTimeoutMs: number;
  /** A WebSocket is pinged this often and closed when it missed the pong by as long (`SUBSCRIPTION_PING_INTERVAL_MS`). */
  pingIntervalMs: number;
  /** Largest WebSocket message accepted, in bytes (`SUBSCRIPTION_MAX_MESSAGE_BYTES`); a larger one closes it (1009). */
  maxMessageBytes: number;
}

/**
 * `totalCount` is exact for lists of up to `exactLimit` rows (`COUNT_EXACT_LIMIT`) counted within `timeoutMs`
 * (`COUNT_TIMEOUT_MS`); a longer list, or a count past its time, gets the planner's estimate instead.
 */
export interface CountBounds {
  exactLimit: number;
  timeoutMs: number;
}

/** The count bounds when nothing is configured. */
export const DEFAULT_COUNT_BOUNDS: CountBounds = { exactLimit: 10_000, timeoutMs: 200 };

/** Webhook delivery: tries per delivery, the bound on one try, and the first retry's delay (doubled each time). */
export interface WebhookConfig {
  /** Tries before a delivery is marked FAILED (`WEBHOOK_MAX_ATTEMPTS`). */
  maxAttempts: number;
  /** One try, connection and response included (`WEBHOOK_TIMEOUT_MS`). */
  timeoutMs: number;
  /** The delay before the first retry (`WEBHOOK_BACKOFF_BASE_MS`), doubled for each later one, with jitter. */
  backoffBaseMs: number;
  /** Deliver to loopback, private and link-local addresses (`WEBHOOK_ALLOW_PRIVATE_TARGETS`; off: SSRF). */
  allowPrivateTargets: boolean;
}

export const DEFAULT_WEBHOOKS: Omit<WebhookConfig, "allowPrivateTargets"> = {
  maxAttempts: 8,
  timeoutMs: 10_000,
  backoffBaseMs: 5_000,
};

/** Every wait for the database has a bound, in milliseconds. */
export interface DatabaseTimeouts {
  /** Opening a connection, and waiting for a free one when the pool is full (pg-pool's `connectionTimeoutMillis`). */
  connectMs: number;
  /** One statement on the server (PostgreSQL's `statement_timeout`): the server cancels it, the connection lives. */
  statementMs: number;
  /**
   * One statement as the client waits for it (pg's `query_timeout`), for a server that cannot cancel because it
   * does not answer at all (frozen, partitioned). Longer than `statementMs`, so a slow statement is cancelled first.
   */
  queryMs: number;
  /** The /readyz probe, connection included: short, so the probe answers well within a prober's own timeout. */
  readinessMs: number;
}

/** Connections in the pool (`DB_POOL_MAX`), for the server and every script. */
export const DEFAULT_DB_POOL_MAX = 10;

/** The bounds when nothing is configured (the server's defaults, and those of every script and test). */
export const DEFAULT_DB_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 3_000,
  statementMs: 5_000,
  queryMs: 6_000,
  readinessMs: 500,
};

/** Delta sync's tombstones and tokens live this long unless configured (30 days). */
export const DEFAULT_SYNC_TOMBSTONE_RETENTION = "30d";
export const DEFAULT_EVENT_RETENTION = "30d";

const DURATION_UNITS_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/** A duration such as `90s`, `15m`, `12h` or `30d` in whole seconds; null when it is not one. */
export function parseDurationSeconds(value: string): number | null {
  const match = /^(\d{1,7})(s|m|h|d)$/.exec(value);
  if (!match) return null;
  const seconds = Number(match[1]) * DURATION_UNITS_SECONDS[match[2] as keyof typeof DURATION_UNITS_SECONDS];
  return seconds > 0 ? seconds : null;
}

/** How long caches keep an anonymous read when nothing is configured (`CACHE_MAX_AGE_S`, `CACHE_STALE_WHILE_REVALIDATE_S`). */
export const DEFAULT_HTTP_CACHE: CacheDurations = { maxAgeS: 60, staleWhileRevalidateS: 30 };

/** GraphQL answers from this size on are compressed when nothing is configured (`COMPRESSION_MIN_BYTES`). */
export const DEFAULT_COMPRESSION_MIN_BYTES = 1024;

/** The site when nothing is configured (`PUBLIC_SITE_URL` and the rest): the server's own default address. */
export const DEFAULT_SITE_URL = "http://localhost:4000";

/** The sitemap protocol's limit of URLs per sitemap file (`SITEMAP_PAGE_SIZE` may only lower it). */
export const MAX_SITEMAP_URLS = 50_000;

/** A year: the longest any cache may be told to keep an answer (`CACHE_*_S`). */
const MAX_CACHE_S = 31_536_000;

/** A day: the largest bound accepted (raise the statement bounds this far for a long one-off migration). */
const MAX_TIMEOUT_MS = 86_400_000;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration; throws a ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === "" ? undefined : value;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = str(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (["1", "true", "yes", "on"].includes(raw)) return true;
    if (["0", "false", "no", "off"].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const nodeEnvRaw = str("NODE_ENV") ?? "development";
  let nodeEnv: Config["nodeEnv"] = "development";
  if (nodeEnvRaw === "development" || nodeEnvRaw === "production" || nodeEnvRaw === "test") {
    nodeEnv = nodeEnvRaw;
  } else {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);
  }

  // Preview tokens must survive restarts and be shared by replicas in production; elsewhere a per-process secret will do.
  const previewSecret = (): string => {
    const secret = str("PREVIEW_SECRET");
    if (secret !== undefined && secret.length < 32) problems.push("PREVIEW_SECRET must be at least 32 characters");
    if (secret === undefined && nodeEnv === "production") problems.push("PREVIEW_SECRET is required in production");
    return secret ?? randomBytes(32).toString("hex");
  };

  const logLevel = (): string => {
    const level = str("LOG_LEVEL") ?? (nodeEnv === "test" ? "silent" : "info");
    if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(level)) {
      problems.push(`LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent (got "${level}")`);
    }
    return level;
  };

  const readPath = (): Config["readPath"] => {
    const value = str("READ_PATH") ?? "sql-answers";
    if (value === "sql-answers" || value === "look-ahead" || value === "loaders") return value;
    problems.push(`READ_PATH must be sql-answers, look-ahead or loaders (got "${value}")`);
    return "sql-answers";
  };

  const dbTimeouts = (): DatabaseTimeouts => {
    const ms = (name: string, fallback: number) => int(name, fallback, 100, MAX_TIMEOUT_MS);
    const timeouts: DatabaseTimeouts = {
      connectMs: ms("DB_CONNECT_TIMEOUT_MS", DEFAULT_DB_TIMEOUTS.connectMs),
      statementMs: ms("DB_STATEMENT_TIMEOUT_MS", DEFAULT_DB_TIMEOUTS.statementMs),
      queryMs: ms("DB_QUERY_TIMEOUT_MS", DEFAULT_DB_TIMEOUTS.queryMs),
      readinessMs: ms("DB_READINESS_TIMEOUT_MS", DEFAULT_DB_TIMEOUTS.readinessMs),
    };
    if (timeouts.queryMs <= timeouts.statementMs) {
      problems.push(
        `DB_QUERY_TIMEOUT_MS (${timeouts.queryMs}) must be larger than DB_STATEMENT_TIMEOUT_MS (${timeouts.statementMs}), so the server cancels a slow statement before the client gives up on the connection`,
      );
    }
    return timeouts;
  };

  const durationSeconds = (name: string, fallback: string): number => {
    const raw = str(name) ?? fallback;
    const seconds = parseDurationSeconds(raw);
    if (seconds !== null) return seconds;
    problems.push(`${name} must be a positive duration such as 90s, 15m, 12h or 30d (got "${raw}")`);
    return parseDurationSeconds(fallback)!;
  };

  const site = (): SiteConfig => {
    const rawUrl = str("PUBLIC_SITE_URL") ?? DEFAULT_SITE_URL;
    if (!isHttpUrl(rawUrl)) {
      problems.push(`PUBLIC_SITE_URL must be an absolute http:// or https:// URL (got "${rawUrl}")`);
    }
    const url = rawUrl.replace(/\/+$/, "");
    const articleUrl = str("PUBLIC_ARTICLE_URL") ?? `${url}/articles/{slug}`;
    const problem = articleUrlTemplateProblem(articleUrl);
    if (problem) problems.push(`PUBLIC_ARTICLE_URL ${problem}, e.g. https://news.example/{slug} (got "${articleUrl}")`);
    const language = str("SITE_LANGUAGE") ?? "en";
    if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(language)) {
      problems.push(`SITE_LANGUAGE must be an ISO 639 language code such as en or pt-br (got "${language}")`);
    }
    const title = str("SITE_TITLE") ?? "Byline";
    const description = str("SITE_DESCRIPTION") ?? `The latest news from ${title}`;
    return { url, articleUrl, title, description, language };
  };

  const databaseUrl = str("DATABASE_URL") ?? null;
  if (databaseUrl !== null && !isPostgresUrl(databaseUrl)) {
    problems.push("DATABASE_URL must be a postgres:// or postgresql:// URL");
  }

  const databaseReplicaUrls = (str("DATABASE_REPLICA_URLS") ?? "")
    .split(",")
    .map((url) => url.trim())
    .filter((url) => url !== "");
  if (databaseReplicaUrls.some((url) => !isPostgresUrl(url))) {
    problems.push("DATABASE_REPLICA_URLS must be a comma-separated list of postgres:// or postgresql:// URLs");
  }
  if (databaseReplicaUrls.length > 0 && databaseUrl === null) {
    problems.push("DATABASE_REPLICA_URLS needs DATABASE_URL (the embedded PostgreSQL has no standbys)");
  }

  const redisUrl = str("REDIS_URL") ?? null;
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl))
    problems.push("REDIS_URL must be a redis:// or rediss:// URL");

  const config: Config = {
    nodeEnv,
    host: str("HOST") ?? "127.0.0.1",
    port: int("PORT", 4000, 0, 65535),
    databaseUrl,
    databaseReplicaUrls,
    replicas: {
      maxLagMs: int("REPLICA_MAX_LAG_MS", 5_000, 0, MAX_TIMEOUT_MS),
      checkIntervalMs: int("REPLICA_CHECK_INTERVAL_MS", 1_000, 10, 600_000),
    },
    dbPoolMax: int("DB_POOL_MAX", DEFAULT_DB_POOL_MAX, 1, 200),
    dbTimeouts: dbTimeouts(),
    migrationsRun: bool("MIGRATIONS_RUN", true),
    seedDemo: bool("SEED_DEMO", databaseUrl === null),
    embedded: {
      dataDir: path.resolve(str("EMBEDDED_PG_DIR") ?? ".data/postgres"),
      port: int("EMBEDDED_PG_PORT", 54329, 1024, 65535),
    },
    bodyLimitBytes: int("BODY_LIMIT_BYTES", 100_000, 1_000, 10_000_000),
    exposeSqlStatements: bool("EXPOSE_SQL_STATEMENTS", nodeEnv !== "production"),
    sandbox: bool("SANDBOX", nodeEnv !== "production"),
    // Where `npm run build:sandbox` writes the IDE (relative to the working directory, like the other defaults).
    sandboxAssetsDir: path.resolve(str("SANDBOX_ASSETS_DIR") ?? "dist/sandbox"),
    previewSecret: previewSecret(),
    logLevel: logLevel(),
    metrics: bool("METRICS", true),
    introspection: bool("INTROSPECTION", nodeEnv !== "production"),
    readPath: readPath(),
    syncTombstoneRetentionSeconds: durationSeconds("SYNC_TOMBSTONE_RETENTION", DEFAULT_SYNC_TOMBSTONE_RETENTION),
    eventRetentionSeconds: durationSeconds("EVENT_RETENTION", DEFAULT_EVENT_RETENTION),
    redisUrl,
    responseCache: {
      // Off by default in tests only: their fixtures are written straight to the database, past the purges.
      enabled: bool("RESPONSE_CACHE", nodeEnv !== "test"),
      maxEntries: int("RESPONSE_CACHE_MAX_ENTRIES", 10_000, 1, 10_000_000),
      maxBytes: int("RESPONSE_CACHE_MAX_BYTES", 100_000_000, 1_000, 100_000_000_000),
      ttlSeconds: int("RESPONSE_CACHE_TTL_S", 300, 1, 86_400),
    },
    redisCommandTimeoutMs: int("REDIS_COMMAND_TIMEOUT_MS", 1_000, 10, 60_000),
    limits: {
      maxDepth: int("MAX_QUERY_DEPTH", 10, 2, 100),
      maxAliases: int("MAX_ALIASES", 30, 0, 1000),
      maxCost: int("MAX_QUERY_COST", 5000, 10, 10_000_000),
      maxTokens: int("MAX_TOKENS", 3000, 100, 1_000_000),
    },
    subscriptions: {
      perConnection: int("SUBSCRIPTIONS_PER_CONNECTION", 20, 1, 10_000),
      connectionsPerKey: int("SUBSCRIPTION_CONNECTIONS_PER_KEY", 100, 1, 1_000_000),
      connectionsPerAddress: int("SUBSCRIPTION_CONNECTIONS_PER_ADDRESS", 20, 1, 1_000_000),
      initTimeoutMs: int("SUBSCRIPTION_INIT_TIMEOUT_MS", 3_000, 100, 600_000),
      pingIntervalMs: int("SUBSCRIPTION_PING_INTERVAL_MS", 30_000, 100, 3_600_000),
      maxMessageBytes: int("SUBSCRIPTION_MAX_MESSAGE_BYTES", 65_536, 1_024, 10_000_000),
    },
    httpCache: {
      maxAgeS: int("CACHE_MAX_AGE_S", DEFAULT_HTTP_CACHE.maxAgeS, 0, MAX_CACHE_S),
      staleWhileRevalidateS: int(
        "CACHE_STALE_WHILE_REVALIDATE_S",
        DEFAULT_HTTP_CACHE.staleWhileRevalidateS,
        0,
        MAX_CACHE_S,
      ),
    },
    compressionMinBytes: int("COMPRESSION_MIN_BYTES", DEFAULT_COMPRESSION_MIN_BYTES, 0, 100_000_000),
    webhooks: {
      maxAttempts: int("WEBHOOK_MAX_ATTEMPTS", DEFAULT_WEBHOOKS.maxAttempts, 1, 100),
      timeoutMs: int("WEBHOOK_TIMEOUT_MS", DEFAULT_WEBHOOKS.timeoutMs, 100, 120_000),
      backoffBaseMs: int("WEBHOOK_BACKOFF_BASE_MS", DEFAULT_WEBHOOKS.backoffBaseMs, 1, 3_600_000),
      allowPrivateTargets: bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", false),
    },
    counts: {
      exactLimit: int("COUNT_EXACT_LIMIT", DEFAULT_COUNT_BOUNDS.exactLimit, 0, 10_000_000),
      timeoutMs: int("COUNT_TIMEOUT_MS", DEFAULT_COUNT_BOUNDS.timeoutMs, 1, MAX_TIMEOUT_MS),
    },
    site: site(),
    syndication: {
      feedItems: int("FEED_ITEMS", 50, 1, 200),
      sitemapPageSize: int("SITEMAP_PAGE_SIZE", MAX_SITEMAP_URLS, 1, MAX_SITEMAP_URLS),
    },
  };
  if (config.counts.timeoutMs >= config.dbTimeouts.statementMs) {
    problems.push(
      `COUNT_TIMEOUT_MS (${config.counts.timeoutMs}) must be smaller than DB_STATEMENT_TIMEOUT_MS (${config.dbTimeouts.statementMs}): a count is a bounded extra, never the slowest statement`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "postgres:" || url.protocol === "postgresql:";
  } catch {
    return false;
  }
}
