/**
 * The results: bench-results/bench-<stamp>.json (machine, dataset, options, runtime, documents, checks, statements,
 * runs, breakdown) and the summary printed at the end, with the table of load runs (medians over rounds).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import type { BreakdownRow } from "./breakdown";
import type { DatasetStats } from "./database";
import type { LoadRun } from "./load";
import { fmt } from "./log";
import type { Options } from "./options";
import { OUT_DIR, ROOT } from "./paths";
import { queries } from "./query-file";
import type { StatementReport } from "./statements";
import { median } from "./stats";
import type { Verification } from "./verify";

export interface Results {
  startedAt: Date;
  dataset: DatasetStats;
  /** The node arguments that started Byline and its URL. */
  runtime: { args: string[]; url: string };
  /** The source benchmarked (see sourceDir()). */
  sourceDir: string;
  verification: Verification | null;
  statements: StatementReport[];
  runs: LoadRun[];
  breakdown: { rows: BreakdownRow[]; table: string } | null;
}

/** Writes bench-results/bench-<stamp>.json and prints the summary. */
export function report(opts: Options, stamp: string, results: Results): void {
  const doc = {
    startedAt: results.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(opts),
    dataset: results.dataset,
    options: { ...opts, dbUrl: opts.dbUrl.replace(/:[^:@/]*@/, ":***@") },
    runtime: {
      args: results.runtime.args.map((a) => path.relative(ROOT, a) || a),
      url: results.runtime.url,
      source: path.relative(ROOT, results.sourceDir) || ".",
    },
    documents: queries.documents,
    verification: results.verification,
    statements: results.statements,
    runs: results.runs,
    breakdown: results.breakdown?.rows ?? null,
  };
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `bench-${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));

  const m = doc.machine;
  const dataset = results.dataset;
  console.log(
    `\nByline ${m.bylineCommit ?? "?"}${m.bylineSourceModified ? " (modified working tree)" : ""} benchmark ${doc.startedAt} - ${m.nproc} x ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ` +
      `PostgreSQL ${dataset.server_version}; ${dataset.articles} articles (${dataset.visible} visible), DB ${dataset.db_size}`,
  );
  console.log(
    `${opts.warmup} s warm-up + ${opts.duration} s measured per run, ${opts.rounds} round(s)${opts.rounds > 1 ? " (medians)" : ""}\n`,
  );
  if (results.runs.length) console.log(runsTable(opts, results.runs));
  if (results.breakdown) console.log(`\nCost breakdown:\n\n${results.breakdown.table}`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

/** True when a load run had errors or non-2xx answers, or an answer differed from its ground truth. */
export function failed(results: Pick<Results, "runs" | "verification">): boolean {
  const { runs, verification } = results;
  if (runs.some((r) => r.non2xx || r.graphqlErrors || r.socketErrors || r.timeouts)) return true;
  return !!verification && !!(verification.q1.mismatch || verification.q2.mismatch);
}

/** The machine and the commit measured (whether the working tree's source differs from it). */
function machine(opts: Options) {
  const cpus = os.cpus();
  let commit: string | null = null;
  let dirty: boolean | null = null;
  try {
    commit = execFileSync("git", ["rev-parse", "--short", opts.commit ?? "HEAD"], { cwd: ROOT })
      .toString()
      .trim();
    dirty = opts.commit
      ? false
      : execFileSync("git", ["status", "--porcelain", "--", "src", "migrations", "package.json"], { cwd: ROOT })
          .toString()
          .trim() !== "";
  } catch {
    /* not a git checkout */
  }
  return {
    nproc: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    bylineCommit: commit,
    bylineSourceModified: dirty,
  };
}

const OP_LABELS: Record<string, string> = { q1: "q1 article page", q2: "q2 feed page" };

/** One row per op and concurrency: medians over the rounds, error and noisy-run counts summed. */
function runsTable(opts: Options, runs: LoadRun[]): string {
  const lines = [
    "| op | conc | req/s | p50 ms | p99 ms | SQL stmts/req | errors / non-2xx | server CPU ms/req | postgres CPU ms/req | server cores | other cores | KB/resp |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const op of opts.ops) {
    for (const conns of opts.conns) {
      const rs = runs.filter((r) => r.op === op && r.conns === conns);
      if (!rs.length) continue;
      const m = (f: (r: LoadRun) => number | null) => median(rs.map((r) => f(r) ?? NaN));
      const errs = rs.reduce((a, r) => a + r.socketErrors + r.timeouts + r.graphqlErrors, 0);
      const non2xx = rs.reduce((a, r) => a + r.non2xx, 0);
      const noisy = rs.filter((r) => r.noisy).length;
      const cells = [
        OP_LABELS[op] ?? op,
        conns,
        fmt(
          m((r) => r.rps),
          0,
        ),
        fmt(
          m((r) => r.latencyMs.p50),
          2,
        ),
        fmt(
          m((r) => r.latencyMs.p99),
          2,
        ),
        fmt(
          m((r) => r.sqlStatementsPerRequest),
          2,
        ),
        `${errs} / ${non2xx}`,
        fmt(
          m((r) => r.serverCpuMsPerRequest),
          2,
        ),
        fmt(
          m((r) => r.postgresCpuMsPerRequest),
          2,
        ),
        fmt(
          m((r) => r.cores.server),
          2,
        ),
        fmt(
          m((r) => r.cores.other),
          2,
        ) + (noisy ? ` (${noisy} noisy)` : ""),
        fmt(m((r) => r.bytesPerResponse) / 1024, 1),
      ];
      lines.push(`| ${cells.join(" | ")} |`);
    }
  }
  return lines.join("\n");
}
