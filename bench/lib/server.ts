/**
 * The Byline server under test: started on a loopback port with production settings and the node flags of
 * `npm start`, waited for until /readyz answers, and stopped (SIGTERM, then SIGKILL after 10 s), also from a signal
 * handler through stopRunningServer().
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { fail } from "./fail";
import { log } from "./log";
import { startNodeFlags } from "./node-flags";
import type { Options } from "./options";
import { OUT_DIR, ROOT } from "./paths";

/** Byline runs with the node flags of `npm start`, so it is measured as it runs. */
const START_NODE_FLAGS = startNodeFlags(ROOT);
/** Generous: pending data migrations run before Byline listens (rendering 100,000 bodies takes minutes). */
const READY_TIMEOUT_MS = 20 * 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface RunningServer {
  url: string;
  pid: number;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/** The server this process started and has not stopped yet. */
let running: RunningServer | null = null;

/** Stops the server this process started, if any (errors ignored: used on the way out). */
export async function stopRunningServer(): Promise<void> {
  await running?.stop().catch(() => {});
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts Byline from `dir` with `entryArgs` (see build()), its output in bench-results/server-<stamp>.log. */
export async function startServer(
  opts: Options,
  dir: string,
  entryArgs: string[],
  stamp: string,
): Promise<RunningServer> {
  const port = opts.port || (await freePort());
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const logFile = path.join(OUT_DIR, `server-${stamp}.log`);
  const out = fs.openSync(logFile, "a");
  const nodeArgs = [
    ...START_NODE_FLAGS,
    ...(opts.cpuProf ? ["--cpu-prof", "--cpu-prof-dir", path.join(OUT_DIR, "profiles")] : []),
  ];
  const child = spawn(process.execPath, [...nodeArgs, ...launcherArgs(entryArgs)], {
    cwd: dir,
    env: serverEnv(opts, port),
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  let exited: string | null = null;
  const exitPromise = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = `exit code ${code}${signal ? `, signal ${signal}` : ""}`;
      resolve();
    }),
  );
  const server: RunningServer = {
    url: `http://127.0.0.1:${port}/graphql`,
    pid: child.pid!,
    child,
    logFile,
    async stop() {
      if (exited) {
        log(`server had already exited (${exited})`);
        running = null;
        return;
      }
      child.kill("SIGTERM");
      const done = await Promise.race([exitPromise.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
      if (!done) {
        log(`server pid ${child.pid} did not stop within 10 s of SIGTERM; sending SIGKILL`);
        child.kill("SIGKILL");
        await exitPromise;
      }
      log(`server stopped (${exited})`);
      running = null;
    },
  };
  running = server;
  await waitUntilReady(port, logFile, () => exited);
  log(`Byline ready at ${server.url} (pid ${server.pid}, log ${path.relative(process.cwd(), logFile)})`);
  return server;
}

/**
 * A single entry file is started through a launcher with its own name: the box is shared, and a server whose
 * command line ends in dist/src/main.js was twice stopped from outside (SIGTERM) in the middle of a run.
 */
function launcherArgs(entryArgs: string[]): string[] {
  if (entryArgs.length !== 1) return entryArgs;
  const launcher = path.join(OUT_DIR, "byline-bench-server.js");
  fs.writeFileSync(launcher, `// written by bench/bench.ts\nrequire(${JSON.stringify(entryArgs[0])});\n`);
  return [launcher];
}

function serverEnv(opts: Options, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: opts.dbUrl,
    HOST: "127.0.0.1",
    PORT: String(port),
    // Counted for its own runs (the x-sql-statements check); off for the shared harness, as in production.
    EXPOSE_SQL_STATEMENTS: opts.serve ? "false" : "true",
    SEED_DEMO: "false",
    // Required in production since the editorial API (preview tokens); any value does for a benchmark.
    PREVIEW_SECRET: process.env.PREVIEW_SECRET ?? "byline-bench-preview-secret-not-for-production-0123456789",
    SANDBOX: "false",
    MIGRATIONS_RUN: "true",
    // The read path's figures are uncached (issue 7): no answer reused from one request to the next. The cached
    // delivery is measured apart, with RESPONSE_CACHE=on (BENCHMARKS.md).
    RESPONSE_CACHE: process.env.RESPONSE_CACHE ?? "off",
  };
}

/** Polls /readyz until it answers 200; fails when the server exits first or after READY_TIMEOUT_MS. */
async function waitUntilReady(port: number, logFile: string, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastNote = Date.now();
  for (;;) {
    const exit = exited();
    if (exit) fail(`Byline exited during start-up (${exit}); see ${path.relative(process.cwd(), logFile)}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) fail(`Byline did not become ready in 20 min; see ${logFile}`);
    if (Date.now() - lastNote > 30_000) {
      lastNote = Date.now();
      log("still waiting for Byline to listen (migrations running?)");
    }
    await sleep(250);
  }
}

/** `--serve`: prints the server's URL and pid for the shared harness and keeps it up until it exits or `maxS` pass. */
export async function serveUntilStopped(server: RunningServer, maxS: number): Promise<void> {
  console.log(`BYLINE_URL=${server.url}\nBYLINE_PID=${server.pid}`);
  log(`serving until Ctrl-C / SIGTERM (at most ${maxS} s)`);
  await Promise.race([sleep(maxS * 1000), new Promise<void>((resolve) => server.child.once("exit", () => resolve()))]);
}
