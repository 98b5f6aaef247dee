/**
 * `--breakdown`: the article and feed pages taken apart, one GraphQL document per step, each measured like a load
 * run (server CPU ms per request, SQL statements per request). The difference between two steps is what the added
 * fields cost, without touching Byline's code. A step's input is a slug (article steps) or a feed cursor (feed steps).
 */
import { autocannonRun } from "./autocannon";
import { cpuDelta, cpuSnapshot, waitForQuiet } from "./cpu";
import { fail } from "./fail";
import { fmt, log } from "./log";
import type { Options } from "./options";
import { queries } from "./query-file";
import { post } from "./requests";
import type { RunningServer } from "./server";
import { percentile } from "./stats";

interface Step {
  name: string;
  kind: "article" | "feed" | "none";
  /** The root field's selection; empty for q1 and q2, which are the query file's own documents. */
  query: string;
  what: string;
}

export interface BreakdownRow {
  step: string;
  what: string;
  conns: number;
  rps: number;
  p50: number;
  statements: number;
  serverCpuMsPerRequest: number | null;
  postgresCpuMsPerRequest: number;
  bytesPerResponse: number | null;
  otherCores: number;
}

const ARTICLE_FIELDS = "id slug title excerpt body publishedAt thumbnail { url } author { name slug bio avatarUrl }";
const RELATED = "related { __typename ... on Article { title slug excerpt thumbnail { url } author { name } } }";
const LATEST = (tags: boolean) =>
  `latestNews(first: 10) { nodes { title slug excerpt publishedAt thumbnail { url } author { name }${tags ? " tags { name slug }" : ""} } }`;
const FEED = (first: number, fields: string) =>
  `latestNews(first: ${first}, after: $after) { nodes { ${fields} } pageInfo { endCursor hasNextPage } }`;
const FEED_FIELDS = "id slug title excerpt thumbnail { url } publishedAt author { name }";
const BREAKDOWN: Step[] = [
  {
    name: "b0",
    kind: "none",
    query: "{ __typename }",
    what: "{ __typename }: HTTP + Express + Apollo, no resolver, no SQL",
  },
  {
    name: "b1",
    kind: "article",
    query: `article(slug: $slug) { ${ARTICLE_FIELDS} }`,
    what: "article with author (1 statement)",
  },
  {
    name: "b2",
    kind: "article",
    query: `article(slug: $slug) { ${ARTICLE_FIELDS} ${RELATED} }`,
    what: "b1 + related with authors",
  },
  {
    name: "b3",
    kind: "article",
    query: `article(slug: $slug) { ${ARTICLE_FIELDS} tags { name slug } ${RELATED} }`,
    what: "b2 + the article's tags",
  },
  {
    name: "b4",
    kind: "article",
    query: `article(slug: $slug) { ${ARTICLE_FIELDS} tags { name slug } ${RELATED} ${LATEST(false)} }`,
    what: "b3 + latestNews(first: 10) with authors",
  },
  { name: "q1", kind: "article", query: "", what: "b4 + tags of the 10 latest = the q1 article page" },
  { name: "f1", kind: "feed", query: FEED(20, "id"), what: "feed page, only ids in the answer (same SQL as q2)" },
  { name: "q2", kind: "feed", query: "", what: "the q2 feed page (20 items)" },
  { name: "f3", kind: "feed", query: FEED(50, FEED_FIELDS), what: "q2 with first: 50" },
];

function breakdownBody(step: Step, input: string | null): string {
  if (step.name === "q1" || step.name === "q2") return queries.ops[step.name]!.body(input);
  if (step.kind === "none") return JSON.stringify({ query: step.query });
  if (step.kind === "article")
    return JSON.stringify({ query: `query B($slug: String!) { ${step.query} }`, variables: { slug: input } });
  return JSON.stringify({ query: `query B($after: String) { ${step.query} }`, variables: { after: input } });
}

/** Measures every step at the last --conns value; returns the rows and their table. */
export async function breakdownRuns(
  opts: Options,
  server: RunningServer,
  slugs: string[],
  cursors: string[],
): Promise<{ rows: BreakdownRow[]; table: string }> {
  const conns = opts.conns[opts.conns.length - 1]!;
  const rows: BreakdownRow[] = [];
  for (const step of BREAKDOWN) {
    const row = await measureStep(opts, server, step, step.kind === "feed" ? cursors : slugs, conns);
    rows.push(row);
    log(
      `breakdown ${step.name} (${step.what}): ${fmt(row.rps, 0)} req/s, ${fmt(row.statements, 2)} stmts, ` +
        `server ${fmt(row.serverCpuMsPerRequest, 2)} ms/req, postgres ${fmt(row.postgresCpuMsPerRequest, 2)} ms/req, other ${fmt(row.otherCores, 2)} cores`,
    );
  }
  return { rows, table: breakdownTable(rows, conns) };
}

async function measureStep(
  opts: Options,
  server: RunningServer,
  step: Step,
  inputs: string[],
  conns: number,
): Promise<BreakdownRow> {
  const bodies = inputs.map((x) => breakdownBody(step, x));
  const check = await post(server.url, bodies[0]!);
  if (check.status !== 200 || check.json?.errors) fail(`breakdown ${step.name}: ${check.text.slice(0, 300)}`);
  if (opts.quietWait > 0) await waitForQuiet(opts);
  await autocannonRun(server.url, bodies, conns, Math.max(1, opts.warmup), false);
  const before = cpuSnapshot(server.pid);
  const { res, lat, stmtSum, stmtN } = await autocannonRun(server.url, bodies, conns, opts.duration, true);
  const cpu = cpuDelta(before, cpuSnapshot(server.pid));
  const ok = lat.length;
  return {
    step: step.name,
    what: step.what,
    conns,
    rps: ok / res.duration,
    p50: percentile(Float64Array.from(lat).sort(), 0.5),
    statements: stmtN ? stmtSum / stmtN : NaN,
    serverCpuMsPerRequest: cpu.serverS == null ? null : (cpu.serverS * 1000) / ok,
    postgresCpuMsPerRequest: (cpu.postgresS * 1000) / ok,
    bytesPerResponse: ok ? res.throughput.total / ok : null,
    otherCores: cpu.cores.other,
  };
}

function breakdownTable(rows: BreakdownRow[], conns: number): string {
  return [
    `| step | what | req/s (c=${conns}) | SQL stmts/req | server CPU ms/req | postgres CPU ms/req | KB/resp |`,
    "|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.step} | ${r.what} | ${fmt(r.rps, 0)} | ${fmt(r.statements, 2)} | ${fmt(r.serverCpuMsPerRequest, 2)} | ` +
        `${fmt(r.postgresCpuMsPerRequest, 2)} | ${fmt((r.bytesPerResponse ?? NaN) / 1024, 1)} |`,
    ),
  ].join("\n");
}
