import type { Pool } from "pg";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

import type { ReplicaStatus } from "../database/read-replicas";

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** A pg pool's connection counts, for the pool gauge (null when there is no pool yet). */
export function poolStats(pool: Pick<Pool, "totalCount" | "idleCount" | "waitingCount"> | undefined): PoolStats | null {
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

/** Most distinct operation names kept as label values; more would let clients grow the metrics without bound. */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Prometheus metrics, exposed at /metrics. */
export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();

  readonly requestDuration = new Histogram({
    name: "byline_graphql_request_duration_seconds",
    help: "GraphQL request duration by operation name and HTTP status.",
    labelNames: ["operation", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: "byline_graphql_errors_total",
    help: "GraphQL errors returned to clients, by error code.",
    labelNames: ["code"] as const,
    registers: [this.registry],
  });

  readonly responseCacheLookups = new Counter({
    name: "byline_response_cache_lookups_total",
    help: "Response cache lookups of anonymous reads, by result (hit or miss).",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });

  readonly responseCachePurges = new Counter({
    name: "byline_response_cache_purges_total",
    help: "Purges of the response cache (editorial writes, here or announced by other instances).",
    registers: [this.registry],
  });

  readonly responseCachePurgedEntries = new Counter({
    name: "byline_response_cache_purged_entries_total",
    help: "Response cache entries dropped by purges.",
    registers: [this.registry],
  });

  /** The response cache's size, when it is counted here (the memory store). */
  responseCacheSize: () => { entries: number; bytes: number } | null = () => null;

  /** The read replicas' health, when there are replicas. */
  replicaStatus: () => readonly ReplicaStatus[] = () => [];
  /** Live connections (WebSocket, SSE) and the subscriptions on them (src/graphql/live/). */
  liveSize: () => { websockets: number; streams: number; subscriptions: number } | null = () => null;

  constructor(poolStats: () => PoolStats | null) {
    const cacheSize = () => this.responseCacheSize();
    new Gauge({
      name: "byline_response_cache_size",
      help: "The in-process response cache: entries and bytes.",
      labelNames: ["unit"] as const,
      registers: [this.registry],
      collect() {
        const size = cacheSize();
        if (!size) return;
        this.set({ unit: "entries" }, size.entries);
        this.set({ unit: "bytes" }, size.bytes);
      },
    });
    new Gauge({
      name: "byline_db_pool_connections",
      help: "Database connections in the pool: total, idle, and requests waiting for one.",
      labelNames: ["state"] as const,
      registers: [this.registry],
      collect() {
        const stats = poolStats();
        if (!stats) return;
        this.set({ state: "total" }, stats.total);
        this.set({ state: "idle" }, stats.idle);
        this.set({ state: "waiting" }, stats.waiting);
      },
    });
    const live = () => this.liveSize();
    new Gauge({
      name: "byline_live_connections",
      help: "Open subscription connections, by transport (websocket, sse), and the subscriptions on them.",
      labelNames: ["kind"] as const,
      registers: [this.registry],
      collect() {
        const size = live();
        if (!size) return;
        this.set({ kind: "websocket" }, size.websockets);
        this.set({ kind: "sse" }, size.streams);
        this.set({ kind: "subscriptions" }, size.subscriptions);
      },
    });
    const replicas = () => this.replicaStatus();
    new Gauge({
      name: "byline_db_replica_up",
      help: "Each read replica: 1 when it answered its last health check, else 0.",
      labelNames: ["replica"] as const,
      registers: [this.registry],
      collect() {
        for (const replica of replicas()) this.set({ replica: replica.name }, replica.up ? 1 : 0);
      },
    });
    new Gauge({
      name: "byline_db_replica_in_use",
      help: "Each read replica: 1 while readers are sent to it, 0 while it is left out (down, not a standby, lagging).",
      labelNames: ["replica"] as const,
      registers: [this.registry],
      collect() {
        for (const replica of replicas()) this.set({ replica: replica.name }, replica.inUse ? 1 : 0);
      },
    });
    new Gauge({
      name: "byline_db_replica_lag_seconds",
      help: "Each read replica: how far behind the primary it is (absent while it is down).",
      labelNames: ["replica"] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const replica of replicas()) {
          if (replica.lagMs !== null) this.set({ replica: replica.name }, replica.lagMs / 1000);
        }
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: "byline_" });
  }

  /** The label for an operation name: itself while names stay few and well-formed, else "other". */
  operationLabel(name: string | null | undefined): string {
    if (!name) return "anonymous";
    if (!OPERATION_NAME.test(name)) return "other";
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return "other";
    this.operations.add(name);
    return name;
  }
}
