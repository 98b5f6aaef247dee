/**
 * Subscriptions under load: publish-to-delivery latency (p50, p99) with N subscribers spread over two Byline
 * instances (separate processes over one PostgreSQL, events crossing by LISTEN/NOTIFY, or Redis with --redis), and
 * the memory one idle WebSocket costs an instance (RSS and V8 heap before and after opening them).
 *
 *   node -r @swc-node/register bench/subscriptions.ts [--subscribers 1000] [--events 30] [--db-url URL] [--redis]
 *
 * The database (its name must contain "bench") is dropped and created again. Latency is measured from the moment the
 * publish mutation is sent to instance A until each subscriber (half on A, half on B) has the event.
 */
import "reflect-metadata";

import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import path from "node:path";

import { type Client, createClient } from "graphql-ws";
import { Client as PgClient } from "pg";
import WebSocket from "ws";

import { openDatabase } from "../src/database/database";
import { ApiKeyService } from "../src/modules/auth/api-key.service";
import { Role } from "../src/modules/auth/viewer";
import { fmt, log } from "./lib/log";
import { percentile } from "./lib/stats";

interface Options {
  subscribers: number;
  events: number;
  dbUrl: string;
  redis: boolean;
}

function options(argv: string[]): Options {
  const value = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    subscribers: Number(value("subscribers") ?? 1000),
    events: Number(value("events") ?? 30),
    dbUrl: value("db-url") ?? "postgres://postgres@127.0.0.1:5432/byline_bench_subscriptions",
    redis: argv.includes("--redis"),
  };
}

/** Waits for `condition`, checking every 5 ms; throws after `timeoutMs`. */
async function waitFor(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function recreateDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.includes("bench")) throw new Error(`refusing to drop "${name}": the name must contain "bench"`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new PgClient({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

interface Instance {
  url: string;
  process: ChildProcess;
}

/** One Byline process, as `npm run dev` runs it, ready when /healthz answers. */
async function startInstance(opts: Options, subscribers: number): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "--expose-gc", "src/main.ts"], {
    cwd: path.resolve(__dirname, ".."),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PREVIEW_SECRET: "bench-preview-secret-bench-preview-secret",
      PORT: String(port),
      DATABASE_URL: opts.dbUrl,
      LOG_LEVEL: "warn",
      RESPONSE_CACHE: "off",
      SUBSCRIPTION_CONNECTIONS_PER_ADDRESS: String(subscribers + 10),
      ...(opts.redis ? { REDIS_URL: "redis://127.0.0.1:6379" } : {}),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Byline exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { url, process: child };
    if (Date.now() > deadline) throw new Error("Byline did not start within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resident memory of a process, in bytes (Linux). */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((row) => row.startsWith("VmRSS:"));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) * 1024;
}

/** The V8 heap in use, from the instance's Prometheus metrics (prom-client's default metrics). */
async function heapUsedOf(instance: Instance): Promise<number | null> {
  const text = await fetch(`${instance.url}/metrics`).then((response) => response.text());
  const match = /^nodejs_heap_size_used_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
  return match ? Number(match[1]) : null;
}

async function gql(instance: Instance, key: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${instance.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

const SUBSCRIPTION = `subscription { articlePublished { id title author { name } } }`;

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  log(
    `subscriptions: ${opts.subscribers} subscribers over two instances, ${opts.events} events, ${opts.redis ? "Redis" : "LISTEN/NOTIFY"}`,
  );
  await recreateDatabase(opts.dbUrl);
  const database = await openDatabase({ databaseUrl: opts.dbUrl }, { poolMax: 2, migrate: true });
  const admin = (await new ApiKeyService(database.dataSource).create("bench-admin", Role.ADMIN)).key;
  await database.close();

  const perInstance = Math.ceil(opts.subscribers / 2);
  const a = await startInstance(opts, perInstance);
  const b = await startInstance(opts, perInstance);
  const clients: Client[] = [];
  try {
    const author = (
      await gql(a, admin, `mutation ($input: CreateAuthorInput!) { createAuthor(input: $input) { id } }`, {
        input: { name: "Bench Author" },
      })
    ).createAuthor.id as string;
    const drafts: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < opts.events; i++) {
      const input = { title: `Bench story ${i}`, body: `Story ${i}.`, authorId: author };
      const created = await gql(
        a,
        admin,
        `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id version } }`,
        { input },
      );
      drafts.push(created.createArticle);
    }

    // Memory per idle connection: instance B before and after its subscribers connect (each holds one subscription).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssBefore = rssOf(b.process.pid!);
    const heapBefore = await heapUsedOf(b);

    let received = 0;
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let connected = 0;
    for (let i = 0; i < opts.subscribers; i++) {
      const instance = i % 2 === 0 ? b : a;
      const client = createClient({
        url: `${instance.url.replace(/^http/, "ws")}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        on: { connected: () => void (connected += 1) },
      });
      clients.push(client);
      client.subscribe(
        { query: SUBSCRIPTION },
        {
          next: (result) => {
            const id = (result.data as { articlePublished?: { id: string } } | null)?.articlePublished?.id;
            const sent = id !== undefined ? sentAt.get(id) : undefined;
            if (sent !== undefined) latencies.push(performance.now() - sent);
            received += 1;
          },
          error: (error) => log(`subscriber error: ${JSON.stringify(error)}`),
          complete: () => undefined,
        },
      );
    }
    await waitFor("every subscriber to connect", () => connected === opts.subscribers, 60_000);
    // The subscription messages follow the acknowledgement; give the instances a moment to take them all.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const rssAfter = rssOf(b.process.pid!);
    const heapAfter = await heapUsedOf(b);
    const onB = Math.ceil(opts.subscribers / 2);

    for (const draft of drafts) {
      const expected = received + opts.subscribers;
      sentAt.set(draft.id, performance.now());
      await gql(
        a,
        admin,
        `mutation ($id: ID!, $version: Int!) { publishArticle(id: $id, version: $version) { id } }`,
        draft,
      );
      await waitFor(`event ${draft.id} at every subscriber`, () => received >= expected);
    }

    const sorted = Float64Array.from(latencies).sort();
    log(`deliveries: ${latencies.length} (${opts.events} events x ${opts.subscribers} subscribers)`);
    log(
      `publish-to-delivery latency: p50 ${fmt(percentile(sorted, 0.5))} ms, p99 ${fmt(percentile(sorted, 0.99))} ms, max ${fmt(sorted[sorted.length - 1])} ms`,
    );
    log(
      `memory per idle WebSocket (with one subscription), instance B, ${onB} sockets: RSS ${fmt((rssAfter - rssBefore) / onB / 1024)} KiB` +
        (heapBefore !== null && heapAfter !== null
          ? `, V8 heap ${fmt((heapAfter - heapBefore) / onB / 1024)} KiB`
          : ""),
    );
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    for (const instance of [a, b]) instance.process.kill("SIGTERM");
    await Promise.all([a, b].map((instance) => new Promise((resolve) => instance.process.once("exit", resolve))));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
