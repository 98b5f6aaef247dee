"use strict";
// Byline against the references of one (or several merged) run(s) of the shared harness:
//   node bench/ratios.js bench-results/run-<time>.json [more.json ...]
// For each page kind and concurrency: Byline's req/s against PostGraphile's best form (the larger of q1 and q1cc, of v4
// and v5, in the same run) and against the raw-SQL baseline; Node CPU ms, p99 and DB ms per request against the same
// PostGraphile row. Medians over the runs, from the harness's own summarizer (../shared/bench/lib/report.js).
const fs = require("node:fs");
const path = require("node:path");

const shared = path.resolve(process.env.SHARED_BENCH || path.join(__dirname, "..", "..", "shared", "bench"));
/**
 * The harness's summary rows (one per target, op and concurrency, medians over rounds), as this file reads them.
 * @typedef {{ kind: string, conns: number, target: string, op: string, rpsMedian: number, p99Median: number,
 *   serverCpuMsPerReq: number, statementsPerRequest: number | null, dbMsPerRequest: number, noisyRuns: number }} Row
 * @type {{ summarize(doc: unknown): Row[], fmt(n: number | null | undefined, digits?: number): string }}
 */
const { summarize, fmt } = require(path.join(shared, "lib", "report.js"));

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node bench/ratios.js bench-results/run-<time>.json [...]");
  process.exit(2);
}
const docs = files.map((file) => JSON.parse(fs.readFileSync(file, "utf8")));
const doc = { ...docs[0], runs: docs.flatMap((d) => d.runs), statements: docs.flatMap((d) => d.statements) };
doc.verification = docs.flatMap((d) => d.verification);
const rows = summarize(doc);

const out = [
  "| page | conc | Byline req/s | PostGraphile best (form) | Byline / PostGraphile | baseline req/s | Byline / baseline | Node CPU ms/req Byline / PostGraphile | p99 ms Byline / PostGraphile | SQL stmts, DB ms/req Byline / PostGraphile | noisy runs |",
  "|---|---|---|---|---|---|---|---|---|---|---|",
];
for (const kind of [...new Set(rows.map((r) => r.kind))]) {
  for (const conns of [...new Set(rows.map((r) => r.conns))]) {
    const here = rows.filter((r) => r.kind === kind && r.conns === conns);
    const byline = here.find((r) => r.target === "byline");
    const baseline = here.find((r) => r.target === "baseline");
    const graphile = here
      .filter((r) => r.target.startsWith("postgraphile"))
      .sort((a, b) => b.rpsMedian - a.rpsMedian)[0];
    if (!byline || !graphile) continue;
    const stmts = (/** @type {Row} */ r) =>
      `${r.statementsPerRequest == null ? "n/a" : fmt(r.statementsPerRequest, 0)}, ${fmt(r.dbMsPerRequest, 2)}`;
    out.push(
      `| ${kind} (${byline.op}) | ${conns} | ${fmt(byline.rpsMedian, 0)} | ${fmt(graphile.rpsMedian, 0)} (${graphile.target} ${graphile.op}) ` +
        `| **${fmt(byline.rpsMedian / graphile.rpsMedian, 2)}x** | ${baseline ? fmt(baseline.rpsMedian, 0) : "n/a"} ` +
        `| ${baseline ? fmt(byline.rpsMedian / baseline.rpsMedian, 2) + "x" : "n/a"} ` +
        `| ${fmt(byline.serverCpuMsPerReq, 2)} / ${fmt(graphile.serverCpuMsPerReq, 2)} | ${fmt(byline.p99Median, 1)} / ${fmt(graphile.p99Median, 1)} ` +
        `| ${stmts(byline)} / ${stmts(graphile)} | ${byline.noisyRuns + graphile.noisyRuns + (baseline ? baseline.noisyRuns : 0)} |`,
    );
  }
}
console.log(out.join("\n"));
