/**
 * The measured load: one prewarm pass over every input, then for each round, op and concurrency a wait for a quiet
 * machine, a warm-up and a bounded autocannon run, with latency, errors, statements and CPU per request.
 */
import { setTimeout as sleep } from "node:timers/promises";

import { autocannonRun } from "./autocannon";
import { type Cores, cpuDelta, cpuSnapshot, waitForQuiet } from "./cpu";
import { fmt, log } from "./log";
import { MAX_RUN_S, type Options } from "./options";
import type { RunningServer } from "./server";
import { percentile } from "./stats";

export interface LoadRun {
  op: string;
  conns: number;
  round: number;
  at: string;
  durationS: number;
  ok2xx: number;
  non2xx: number;
  graphqlErrors: number;
  socketErrors: number;
  timeouts: number;
  rps: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  sqlStatementsPerRequest: number;
  serverCpuMsPerRequest: number | null;
  postgresCpuMsPerRequest: number;
  cores: Cores;
  /** Cores busy (other processes) just before the warm-up. */
  busyCoresBefore: number | null;
  /** Other processes used more than --quiet-cores during the measured run. */
  noisy: boolean;
  bytesPerResponse: number | null;
}

/** One bounded pass over every input (JIT, pool, plan cache, PostgreSQL buffers). */
export async function prewarm(opts: Options, url: string, inputs: Record<string, string[]>): Promise<void> {
  for (const op of opts.ops) {
    const t0 = Date.now();
    await autocannonRun(url, inputs[op]!, 8, Math.min(MAX_RUN_S, Math.max(3, opts.warmup)), false);
    log(`prewarm ${op}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

export async function loadRuns(
  opts: Options,
  server: RunningServer,
  inputs: Record<string, string[]>,
): Promise<LoadRun[]> {
  const runs: LoadRun[] = [];
  const total = opts.ops.length * opts.conns.length * opts.rounds;
  let k = 0;
  for (let round = 1; round <= opts.rounds; round++) {
    for (const op of opts.ops) {
      for (const conns of opts.conns) {
        k++;
        const run = await loadRun(opts, server, inputs[op]!, op, conns, round);
        runs.push(run);
        logRun(run, `${k}/${total}`);
        await sleep(300);
      }
    }
  }
  return runs;
}

async function loadRun(
  opts: Options,
  server: RunningServer,
  bodies: string[],
  op: string,
  conns: number,
  round: number,
): Promise<LoadRun> {
  const busyBefore = opts.quietWait > 0 ? await waitForQuiet(opts) : null;
  if (opts.warmup > 0) await autocannonRun(server.url, bodies, conns, opts.warmup, false);
  const before = cpuSnapshot(server.pid);
  const { res, lat, non2xx, gqlErrors, stmtSum, stmtN } = await autocannonRun(
    server.url,
    bodies,
    conns,
    opts.duration,
    true,
  );
  const cpu = cpuDelta(before, cpuSnapshot(server.pid));
  const sorted = Float64Array.from(lat).sort();
  const ok = sorted.length;
  return {
    op,
    conns,
    round,
    at: new Date().toISOString(),
    durationS: res.duration,
    ok2xx: ok,
    non2xx,
    graphqlErrors: gqlErrors,
    socketErrors: res.errors,
    timeouts: res.timeouts,
    rps: ok / res.duration,
    latencyMs: {
      mean: sorted.reduce((a, b) => a + b, 0) / (ok || 1),
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      max: sorted[ok - 1] ?? NaN,
    },
    sqlStatementsPerRequest: stmtN ? stmtSum / stmtN : NaN,
    serverCpuMsPerRequest: cpu.serverS == null || !ok ? null : (cpu.serverS * 1000) / ok,
    postgresCpuMsPerRequest: ok ? (cpu.postgresS * 1000) / ok : NaN,
    cores: cpu.cores,
    busyCoresBefore: busyBefore,
    noisy: cpu.cores.other > opts.quietCores,
    bytesPerResponse: ok ? res.throughput.total / ok : null,
  };
}

function logRun(run: LoadRun, progress: string): void {
  const { cores } = run;
  const troubles = run.non2xx || run.graphqlErrors || run.socketErrors || run.timeouts;
  log(
    `[${progress}] ${run.op} c=${run.conns} round ${run.round}: ${fmt(run.rps, 0)} req/s, p50 ${fmt(run.latencyMs.p50, 2)} ms, ` +
      `p99 ${fmt(run.latencyMs.p99, 2)} ms, ${fmt(run.sqlStatementsPerRequest, 2)} stmts/req, ` +
      `cpu cores: server ${fmt(cores.server, 2)} postgres ${fmt(cores.postgres, 2)} loadgen ${fmt(cores.loadgen, 2)} other ${fmt(cores.other, 2)}` +
      (troubles
        ? `  non2xx=${run.non2xx} graphqlErrors=${run.graphqlErrors} errors=${run.socketErrors} timeouts=${run.timeouts}`
        : "") +
      (run.noisy ? "  NOISY" : ""),
  );
}
