/**
 * `npm run bench:floor`: what `{ __typename }` costs Byline against a bare Express 5 + Apollo 5 server
 * (bench/bare-apollo.ts) on the same machine: the fixed cost of a request before any data. Both run with the node
 * flags of `npm start`; rounds alternate the two (A B, B A, ...), each a warm-up then a measured autocannon run at
 * the given concurrency. Prints req/s, server CPU ms per request (from /proc) and p99 per server, and the ratio.
 *
 *   npm run bench:floor [-- --rounds 3 --duration 10 --conns 32]
 */
import { type ChildProcess, spawn } from "node:child_process";

import { autocannon } from "./lib/autocannon";
import { CLK_TCK, procTicks } from "./lib/cpu";
import { startNodeFlags } from "./lib/node-flags";
import { ROOT } from "./lib/paths";
import { median } from "./lib/stats";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = arg("rounds", 3);
const duration = Math.min(arg("duration", 10), 15);
const conns = arg("conns", 32);
const BODY = JSON.stringify({ query: "{ __typename }" });

interface Server {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
}

/** Starts a command and waits for it to print `<marker>=<url>` (and, for Byline, its server's pid). */
function start(name: string, args: string[], marker: string): Promise<Server> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start`)), 300_000);
    child.stdout!.on("data", (chunk) => {
      out += String(chunk);
      const url = new RegExp(`^${marker}=(\\S+)`, "m").exec(out)?.[1];
      const pid = /^BYLINE_PID=(\d+)/m.exec(out)?.[1];
      if (url && (marker !== "BYLINE_URL" || pid)) {
        clearTimeout(timer);
        resolve({ name, url, pid: pid ? Number(pid) : child.pid!, child });
      }
    });
    child.once("exit", (code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${out}`)));
  });
}

/** The CPU time (user + system) of a running server, in clock ticks. */
const cpuTicks = (server: Server): number => {
  const ticks = procTicks(server.pid)?.ticks;
  if (ticks === undefined) throw new Error(`${server.name} (pid ${server.pid}) is gone`);
  return ticks;
};

async function measure(server: Server) {
  const run = (seconds: number) =>
    autocannon({
      url: server.url,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: BODY,
      connections: conns,
      duration: seconds,
    });
  await run(3);
  const before = cpuTicks(server);
  const result = await run(duration);
  const ticks = cpuTicks(server) - before;
  const requests = result["2xx"];
  if (result.non2xx || result.errors || requests === 0)
    throw new Error(`${server.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: requests / duration, cpuMs: (ticks * 1000) / CLK_TCK / requests, p99: result.latency.p99 };
}

async function main(): Promise<void> {
  const flags = startNodeFlags(ROOT);
  const servers = [
    await start(
      "bare Express 5 + Apollo 5",
      [...flags, "-r", "@swc-node/register", "bench/bare-apollo.ts"],
      "BARE_URL",
    ),
    await start(
      "Byline",
      ["-r", "@swc-node/register", "bench/bench.ts", "--serve", "--serve-max", "900"],
      "BYLINE_URL",
    ),
  ];
  try {
    const results = new Map<string, Array<Awaited<ReturnType<typeof measure>>>>(servers.map((s) => [s.name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const server of round % 2 ? [...servers].reverse() : servers) {
        const result = await measure(server);
        results.get(server.name)!.push(result);
        console.log(
          `round ${round + 1} ${server.name}: ${result.rps.toFixed(0)} req/s, ${result.cpuMs.toFixed(3)} ms CPU/req, p99 ${result.p99} ms`,
        );
      }
    }
    const row = (name: string) => {
      const rs = results.get(name)!;
      return {
        rps: median(rs.map((r) => r.rps)),
        cpuMs: median(rs.map((r) => r.cpuMs)),
        p99: median(rs.map((r) => r.p99)),
      };
    };
    const [bare, byline] = [row(servers[0]!.name), row(servers[1]!.name)];
    console.log(`\n{ __typename } at c=${conns}, medians of ${rounds} rounds of ${duration} s:`);
    console.log("| server | req/s | server CPU ms/req | p99 ms |\n|---|---|---|---|");
    for (const [name, r] of [
      [servers[0]!.name, bare],
      [servers[1]!.name, byline],
    ] as const) {
      console.log(`| ${name} | ${r.rps.toFixed(0)} | ${r.cpuMs.toFixed(3)} | ${r.p99} |`);
    }
    console.log(
      `\nByline / bare: CPU per request ${(byline.cpuMs / bare.cpuMs).toFixed(2)}x, req/s ${(byline.rps / bare.rps).toFixed(2)}x`,
    );
  } finally {
    for (const server of servers) server.child.kill("SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
