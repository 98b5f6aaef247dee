import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";

import pg from "pg";

import { Container, type ImageConfig, type RunningCommand } from "./buildah";
import { CheckFailure, ok, onCleanup, secs, tail } from "./report";

/** Where the app writes: the parent of the embedded PostgreSQL's default data dir (EMBEDDED_PG_DIR=.data/postgres). */
const DATA_DIR = ".data";
const STOPPED_WITHIN_MS = 10_000;
const FEED = "{ latestNews(first: 3) { nodes { slug } } }";
const CREATE_TAG = 'mutation { createTag(name: "Image check") { slug } }';

/** The built image and what every check of it needs. */
export interface Image {
  tag: string;
  config: ImageConfig;
  repoRoot: string;
  workDir: string;
  /** The compose file's environment for the app (PREVIEW_SECRET, SEED_DEMO...), DATABASE_URL aside. */
  appEnv: Record<string, string>;
}

/**
 * The runtime stage's content, as the image holds it: every production package and none of the dev-only ones (by the
 * lock file), the scripts its documented commands run, and a non-root USER that owns .data and may write nothing else.
 */
export async function checkContent(image: Image): Promise<{ uid: number }> {
  const container = await Container.of(image.tag, "content");
  const root = await container.mount();
  const app = path.join(root, image.config.WorkingDir ?? "/");
  const lock = JSON.parse(readFileSync(path.join(image.repoRoot, "package-lock.json"), "utf8")) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean }>;
  };
  const missing: string[] = [];
  const devPresent: string[] = [];
  let prod = 0;
  for (const [key, meta] of Object.entries(lock.packages)) {
    if (!key.startsWith("node_modules/") || meta.devOptional) continue;
    const present = existsSync(path.join(app, key));
    const name = key.slice("node_modules/".length);
    if (meta.dev) {
      if (present) devPresent.push(name);
    } else if (!meta.optional) {
      prod++;
      if (!present) missing.push(name);
    }
  }
  const files = [
    entryScript(image.config),
    "dist/scripts/migrate.js",
    "dist/scripts/keys.js",
    "dist/sandbox/manifest.json",
  ];
  const absent = files.filter((f) => !existsSync(path.join(app, f)));
  const problems = [
    ...(missing.length ? [`production packages missing: ${missing.slice(0, 10).join(", ")}`] : []),
    ...(devPresent.length ? [`dev-only packages present: ${devPresent.slice(0, 10).join(", ")}`] : []),
    ...(absent.length ? [`missing: ${absent.join(", ")}`] : []),
  ];
  if (problems.length) throw new CheckFailure("runtime stage: wrong content", problems.join("\n"));
  ok(`content: all ${prod} production packages, no dev-only one; ${files.join(", ")}`);

  const user = image.config.User ?? "root";
  const uid = uidOf(root, user);
  if (uid === 0) throw new CheckFailure(`USER is ${user}: the app would run as root`);
  const owner = existsSync(path.join(app, DATA_DIR)) ? statSync(path.join(app, DATA_DIR)).uid : "missing";
  if (owner !== uid) throw new CheckFailure(`${DATA_DIR} should belong to ${user} (uid ${uid}): ${owner}`);
  const probe = `test -w ${DATA_DIR} && ! test -w . && ! test -w dist && ! test -w node_modules`;
  const writable = await container.run(["sh", "-c", probe], {}, { allowFailure: true });
  if (writable.code !== 0) throw new CheckFailure(`as ${user}, only ${DATA_DIR} should be writable`);
  ok(`USER ${user} (uid ${uid}), not root: owns and may write ${DATA_DIR}; the code is root's, read-only to it`);
  return { uid };
}

/**
 * The image's command (ENTRYPOINT + CMD) on a database of its own, as the image's USER: healthy by its own
 * HEALTHCHECK, answering GraphQL; then `node dist/scripts/keys.js create` in another container makes an editor's key
 * that the running server accepts (and a request without it is refused); SIGTERM stops it with exit 0.
 */
export async function checkServerWithKeys(image: Image, uid: number, databaseUrl: string): Promise<void> {
  const env = { ...image.appEnv, DATABASE_URL: databaseUrl, HOST: "127.0.0.1", PORT: `${await freePort()}` };
  const container = await Container.of(image.tag, "CMD");
  const server = await startHealthy(image, container, env, 90_000);
  const pid = checkContainerProcess(server, uid);
  const articles = await feedLength(env.PORT);

  const keysContainer = await Container.of(image.tag, "keys");
  const keysEnv = { DATABASE_URL: databaseUrl, PREVIEW_SECRET: image.appEnv.PREVIEW_SECRET };
  const created = await keysContainer.run(
    ["node", "dist/scripts/keys.js", "create", "--name", "image-check", "--role", "EDITOR"],
    keysEnv,
    { timeoutMs: 60_000 },
  );
  const key = /^byl_\S+$/m.exec(created.stdout)?.[0];
  if (!key) throw new CheckFailure("node dist/scripts/keys.js create printed no key", tail(created.stdout));
  const anonymous = await graphql(env.PORT, CREATE_TAG);
  if (anonymous.body.errors?.[0]?.extensions?.code !== "UNAUTHENTICATED") {
    throw new CheckFailure("createTag without a key was not refused", JSON.stringify(anonymous.body));
  }
  const withKey = await graphql(env.PORT, CREATE_TAG, key);
  if (!withKey.ok || withKey.body.errors || !withKey.body.data) {
    throw new CheckFailure("createTag with the new key failed", JSON.stringify(withKey.body));
  }
  ok(
    `CMD ${commandOf(image.config).join(" ")}: healthy after ${secs(server.healthyAfter)}, ${articles} articles, ` +
      `as uid ${uid}; node dist/scripts/keys.js create (another container) made an EDITOR key the server accepts ` +
      `(createTag; UNAUTHENTICATED without it)`,
  );
  const stoppedIn = await stop(server.command, pid);
  ok(`SIGTERM to the container's first process, node -> exit 0 in ${secs(stoppedIn)}`);
}

/** The one-shot `node dist/scripts/migrate.js` on an empty database: every migration applied, then exit 0. */
export async function checkOneShotMigrate(image: Image, databaseUrl: string): Promise<void> {
  const started = Date.now();
  const container = await Container.of(image.tag, "migrate");
  await container.run(
    ["node", "dist/scripts/migrate.js"],
    { DATABASE_URL: databaseUrl, PREVIEW_SECRET: image.appEnv.PREVIEW_SECRET, MIGRATIONS_RUN: "false" },
    { timeoutMs: 120_000 },
  );
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied = await client
    .query<{ n: number }>("SELECT count(*)::int AS n FROM migrations")
    .finally(() => client.end());
  if (applied.rows[0].n === 0) throw new CheckFailure("node dist/scripts/migrate.js applied no migration");
  ok(`one-shot node dist/scripts/migrate.js: ${applied.rows[0].n} migrations applied in ${secs(Date.now() - started)}`);
}

/** The image's command without DATABASE_URL: the embedded PostgreSQL in .data, as the image's USER, demo content. */
export async function checkEmbedded(image: Image, uid: number): Promise<void> {
  const env = {
    PREVIEW_SECRET: image.appEnv.PREVIEW_SECRET,
    HOST: "127.0.0.1",
    PORT: `${await freePort()}`,
    EMBEDDED_PG_PORT: `${await freePort()}`,
  };
  const container = await Container.of(image.tag, "CMD without DATABASE_URL");
  const server = await startHealthy(image, container, env, 180_000);
  const pid = checkContainerProcess(server, uid);
  const articles = await feedLength(env.PORT);
  if (articles === 0) throw new CheckFailure("embedded: no demo articles");
  const dataDir = path.join(await container.mount(), image.config.WorkingDir ?? "/", DATA_DIR, "postgres");
  const owner = existsSync(dataDir) ? statSync(dataDir).uid : "missing";
  if (owner !== uid) throw new CheckFailure(`embedded: ${DATA_DIR}/postgres belongs to uid ${owner}, not ${uid}`);
  const stoppedIn = await stop(server.command, pid);
  ok(
    `CMD without DATABASE_URL: embedded PostgreSQL in ${DATA_DIR}/postgres (uid ${uid}), healthy after ` +
      `${secs(server.healthyAfter)}, ${articles} demo articles; SIGTERM -> exit 0 in ${secs(stoppedIn)}`,
  );
}

/** Scratch databases on the server at `adminUrl`, dropped at cleanup. */
export async function scratchDatabases(adminUrl: string, count: number): Promise<string[]> {
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new CheckFailure(
      `PostgreSQL at ${adminUrl}: ${error instanceof Error ? error.message : String(error)}`,
      "Start it (pg_ctlcluster --skip-systemctl-redirect <version> main start) or set CHECK_DOCKER_PG_URL.",
    );
  }
  onCleanup(() => admin.end());
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `byline_imagecheck_${process.pid}_${randomBytes(3).toString("hex")}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    onCleanup(() => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    urls.push(url.toString());
  }
  return urls;
}

const commandOf = (config: ImageConfig): string[] => [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];

/** The script node runs: its first argument that is not a flag (`node --max-semi-space-size=32 dist/src/main.js`). */
function entryScript(config: ImageConfig): string {
  const cmd = config.Cmd ?? [];
  const script = cmd[0] === "node" ? cmd.slice(1).find((arg) => !arg.startsWith("-")) : undefined;
  if (!script) throw new CheckFailure(`CMD ${cmd.join(" ")}: not node <script>`);
  return script;
}

function uidOf(root: string, user: string): number {
  if (/^\d+$/.test(user)) return Number(user);
  const line = readFileSync(path.join(root, "etc/passwd"), "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${user.split(":")[0]}:`));
  if (!line) throw new CheckFailure(`USER ${user}: no such user in the image`);
  return Number(line.split(":")[2]);
}

/**
 * Starts the image's command and runs its HEALTHCHECK command in the same container (as Docker does) until it passes,
 * each probe bounded by the HEALTHCHECK's timeout, the whole wait by `withinMs`.
 */
async function startHealthy(image: Image, container: Container, env: Record<string, string>, withinMs: number) {
  const test = image.config.Healthcheck?.Test ?? [];
  const probe = test[0] === "CMD" ? test.slice(1) : test[0] === "CMD-SHELL" ? ["/bin/sh", "-c", test[1]] : null;
  if (!probe) throw new CheckFailure(`HEALTHCHECK: ${test.join(" ") || "none"} (the image needs one)`);
  const probeTimeoutMs = (image.config.Healthcheck?.Timeout ?? 30e9) / 1e6;
  const command = container.start(commandOf(image.config), env, path.join(image.workDir, `${container.label}.log`));
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    if (!command.running) {
      throw new CheckFailure(
        `${container.label}: exited before it was healthy`,
        tail(readFileSync(command.log, "utf8")),
      );
    }
    const result = await container.run(probe, env, { timeoutMs: probeTimeoutMs, allowFailure: true });
    if (result.code === 0) return { command, healthyAfter: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the next probe, as HEALTHCHECK --interval would
  }
  throw new CheckFailure(
    `${container.label}: HEALTHCHECK still failing after ${secs(withinMs)}`,
    tail(readFileSync(command.log, "utf8")),
  );
}

/** The container's first process must be node itself (the entrypoint exec'd it) and run as the image's USER. */
function checkContainerProcess(server: { command: RunningCommand }, uid: number): number {
  const { pid, exe, uid: runsAs } = server.command.containerProcess();
  if (path.basename(exe) !== "node") throw new CheckFailure(`the container's first process is ${exe}, not node`);
  if (runsAs !== uid) throw new CheckFailure(`node runs as uid ${runsAs}, not ${uid}`);
  return pid;
}

/** SIGTERM to the container's process, as `docker stop` sends it; returns how long until `buildah run` exited 0. */
async function stop(command: RunningCommand, pid: number): Promise<number> {
  const started = Date.now();
  process.kill(pid, "SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    command.exited,
    new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), STOPPED_WITHIN_MS))),
  ]).finally(() => clearTimeout(timer));
  const log = tail(readFileSync(command.log, "utf8"));
  if (code === "timeout") throw new CheckFailure(`still running ${secs(STOPPED_WITHIN_MS)} after SIGTERM`, log);
  if (code !== 0) throw new CheckFailure(`SIGTERM -> exit ${code}, not 0`, log);
  return Date.now() - started;
}

interface GraphQLAnswer {
  ok: boolean;
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
}

async function graphql(port: string, query: string, key?: string): Promise<GraphQLAnswer> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(10_000),
  });
  return { ok: response.ok, body: (await response.json()) as GraphQLAnswer["body"] };
}

async function feedLength(port: string): Promise<number> {
  const { ok: answered, body } = await graphql(port, FEED);
  const nodes = (body.data?.latestNews as { nodes?: unknown[] } | undefined)?.nodes;
  if (!answered || body.errors || !Array.isArray(nodes))
    throw new CheckFailure("GraphQL: no feed", JSON.stringify(body));
  return nodes.length;
}

function freePort(): Promise<string> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(`${port}`));
    });
  });
}
