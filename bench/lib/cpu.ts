/**
 * CPU accounting from /proc: cores busy during an interval, split into the server under test, PostgreSQL, the load
 * generator (this process) and everything else; and the wait for a quiet machine before a measured run.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

import type { Options } from "./options";

/** Clock ticks per second of /proc's CPU times. */
export const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A process's name and CPU time (user + system) in clock ticks; null when it is gone. */
export function procTicks(pid: number | string): { comm: string; ticks: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const rp = s.lastIndexOf(")");
    const f = s.slice(rp + 2).split(" ");
    return { comm: s.slice(s.indexOf("(") + 1, rp), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

export interface CpuSnapshot {
  at: bigint;
  total: number;
  idle: number;
  server: number | null;
  postgres: Map<string, number>;
  self: NodeJS.CpuUsage;
}

export function cpuSnapshot(serverPid: number): CpuSnapshot {
  const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const postgres = new Map<string, number>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    const st = procTicks(d);
    if (st && st.comm === "postgres") postgres.set(d, st.ticks);
  }
  return {
    at: process.hrtime.bigint(),
    total: fields.slice(0, 8).reduce((a, b) => a + b, 0),
    idle: fields[3]! + fields[4]!,
    server: procTicks(serverPid)?.ticks ?? null,
    postgres,
    self: process.cpuUsage(),
  };
}

export interface Cores {
  busy: number;
  server: number | null;
  postgres: number;
  loadgen: number;
  other: number;
}

export interface CpuDelta {
  secs: number;
  serverS: number | null;
  postgresS: number;
  cores: Cores;
}

/** Cores busy during the interval, per part, and CPU seconds of the server and of postgres. */
export function cpuDelta(a: CpuSnapshot, b: CpuSnapshot): CpuDelta {
  const secs = Number(b.at - a.at) / 1e9;
  let pgTicks = 0;
  for (const [pid, t] of b.postgres) pgTicks += t - (a.postgres.get(pid) ?? 0);
  const serverS = a.server != null && b.server != null ? (b.server - a.server) / CLK_TCK : null;
  const postgresS = pgTicks / CLK_TCK;
  const loadgenS = (b.self.user + b.self.system - a.self.user - a.self.system) / 1e6;
  const busy = (b.total - b.idle - (a.total - a.idle)) / CLK_TCK / secs;
  const cores: Cores = {
    busy,
    server: serverS == null ? null : serverS / secs,
    postgres: postgresS / secs,
    loadgen: loadgenS / secs,
    other: 0,
  };
  cores.other = Math.max(0, busy - cores.postgres - cores.loadgen - (cores.server ?? 0));
  return { secs, serverS, postgresS, cores };
}

/**
 * The box is shared: before each measured run wait (at most `quietWait` s) until everything else uses fewer than
 * `quietCores` cores (our server is idle then). Returns the cores other processes used in the last second.
 */
export async function waitForQuiet(opts: Pick<Options, "quietWait" | "quietCores">): Promise<number> {
  const deadline = Date.now() + opts.quietWait * 1000;
  for (;;) {
    const a = cpuSnapshot(0);
    await sleep(1000);
    const d = cpuDelta(a, cpuSnapshot(0));
    const busy = Math.max(0, d.cores.busy - d.cores.loadgen);
    if (busy <= opts.quietCores || Date.now() >= deadline) return busy;
  }
}
