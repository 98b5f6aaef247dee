import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import os from "node:os";
import path from "node:path";

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `condition` until it holds; fails with `what` if it does not within `timeoutMs`. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Byline as `npm start` runs it: src/main.ts in a child process of its own. */
export interface BylineProcess {
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  output(): string;
  /** SIGKILLs the process if it still runs. */
  kill(): Promise<void>;
}

/** Starts src/main.ts with `env` (NODE_ENV=test and a free PORT unless given); resolves once /readyz answers 200. */
export async function startBylineProcess(env: Record<string, string>): Promise<BylineProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "src/main.ts"], {
    cwd: path.resolve(__dirname, "../.."),
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "info", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const byline: BylineProcess = {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await once(child, "exit");
      }
    },
  };
  try {
    await waitFor(
      "Byline to become ready",
      async () => {
        if (child.exitCode !== null) throw new Error(`Byline exited with ${child.exitCode}`);
        return fetch(`${byline.url}/readyz`).then(
          (response) => response.ok,
          () => false, // not listening yet
        );
      },
      30_000,
    );
  } catch (error) {
    await byline.kill();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return byline;
}

/** A Redis server of the test's own, on a free port, that the test can kill, restart, freeze and thaw. */
export async function ownRedis() {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "byline-redis-"));
  let redis: ChildProcess | null = null;
  const own = {
    url: `redis://127.0.0.1:${port}`,
    start() {
      redis = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
        { stdio: "ignore" },
      );
    },
    async stop() {
      if (!redis) return;
      const exited = once(redis, "exit");
      redis.kill("SIGCONT");
      redis.kill("SIGKILL");
      await exited;
      redis = null;
    },
    /** SIGSTOP: the connection stays open and nothing answers, as with a hung server or a partition. */
    freeze: () => redis!.kill("SIGSTOP"),
    thaw: () => redis!.kill("SIGCONT"),
  };
  own.start();
  return own;
}
export type OwnRedis = Awaited<ReturnType<typeof ownRedis>>;
