"use strict";
// Summarizes a V8 .cpuprofile (node --cpu-prof; `npm run bench -- --cpu-prof` writes one per server run into
// bench-results/profiles/): where the server's busy CPU time goes, by package and by function.
//   node bench/profile-summary.js <file.cpuprofile> [--from S] [--top N]
//     --from S   ignore the first S seconds of the profile (start-up, module loading)
//
// "by package (attributed)": the time of native code and Node internals (socket writes, Buffer, promise hooks ...)
// is charged to the nearest caller that belongs to a package (node_modules/<pkg>) or to Byline's own code, so
// e.g. the socket writes that pg triggers count for pg. Promise/async hooks (AsyncLocalStorage) and GC are shown
// on their own lines.
const fs = require("fs");

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--") && !/^\d+(\.\d+)?$/.test(a));
/** @type {(name: string, dflt: number) => number} */
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const fromS = opt("--from", 0);
const topN = opt("--top", 25);
if (!file) {
  console.error("usage: node bench/profile-summary.js <file.cpuprofile> [--from S] [--top N]");
  process.exit(2);
}
/**
 * A V8 CPU profile, as far as this file reads it.
 * @typedef {{ functionName: string, url: string, lineNumber: number }} CallFrame
 * @typedef {{ id: number, callFrame: CallFrame, children?: number[] }} ProfileNode
 * @type {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[], startTime: number }}
 */
const prof = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
/** @param {number} id */
const nodeOf = (id) => {
  const node = byId.get(id);
  if (!node) throw new Error(`${file}: no profile node ${id}`);
  return node;
};
/** @type {Map<number, number>} parent node of each node */
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children || []) parent.set(c, n.id);

/** @param {CallFrame} cf @returns {string | null} */
function pkgOf(cf) {
  const url = cf.url || "";
  const name = cf.functionName;
  if (name === "(idle)") return "(idle)";
  if (name === "(garbage collector)") return "(garbage collector)";
  if (name === "(program)") return "(program)";
  if (
    /async_hooks/.test(url) ||
    name === "promiseInitHook" ||
    name === "promiseBeforeHook" ||
    name === "promiseAfterHook"
  ) {
    return "async_hooks (AsyncLocalStorage, promise hooks)";
  }
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.startsWith("file://") || url.startsWith("/")) return "byline (own code)";
  return null; // native or node internal: charge to the caller
}

/** @type {Map<string, number>} */
const attributed = new Map();
/** @type {Map<string, number>} */
const selfFn = new Map();
let t = prof.startTime;
let busy = 0;
let total = 0;
for (let i = 0; i < prof.samples.length; i++) {
  t += prof.timeDeltas[i] || 0;
  if ((t - prof.startTime) / 1e6 < fromS) continue;
  const us = prof.timeDeltas[i + 1] !== undefined ? prof.timeDeltas[i + 1] : 0;
  const leaf = nodeOf(prof.samples[i]);
  total += us;
  if (leaf.callFrame.functionName === "(idle)") continue;
  busy += us;
  let id = leaf.id;
  let pkg = pkgOf(leaf.callFrame);
  while (pkg === null && parent.has(id)) {
    id = /** @type {number} */ (parent.get(id));
    pkg = pkgOf(nodeOf(id).callFrame);
  }
  pkg = pkg || "(native, no JS caller)";
  attributed.set(pkg, (attributed.get(pkg) || 0) + us);
  const cf = leaf.callFrame;
  const key = `${cf.functionName || "(anonymous)"}  ${(cf.url || "").replace(/^file:\/\//, "").replace(/.*node_modules\//, "")}${cf.url ? ":" + (cf.lineNumber + 1) : ""}`;
  selfFn.set(key, (selfFn.get(key) || 0) + us);
}
const pct = (/** @type {number} */ us) => ((100 * us) / busy).toFixed(1).padStart(5) + "%";
console.log(
  `${file}: ${(total / 1e6).toFixed(1)} s sampled${fromS ? ` (after the first ${fromS} s)` : ""}, ` +
    `${(busy / 1e6).toFixed(1)} s busy (${((100 * busy) / total).toFixed(0)}%)\n`,
);
console.log("busy time by package (native and Node-internal time charged to the calling package):");
for (const [b, us] of [...attributed].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${pct(us)}  ${b}`);
console.log("\nhottest functions (self time):");
for (const [f, us] of [...selfFn].sort((a, b) => b[1] - a[1]).slice(0, topN)) console.log(`  ${pct(us)}  ${f}`);
