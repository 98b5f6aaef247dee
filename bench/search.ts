/**
 * Search beside the feed, under load, on a running Byline (`npm run bench -- --serve` prints its URL):
 *
 *   node -r @swc-node/register bench/search.ts --url http://127.0.0.1:<port>/graphql [--duration 10] [--conns 32,8]
 *
 * Each shape rotates over a few queries of its kind: the feed's first page (for comparison), a selective search (a
 * handful of matches) and a broad one (tens of thousands of matches, where ranking is bounded). Every answer is
 * checked for errors; the statements per request come from the x-sql-statements header when the server sends it.
 */
import { autocannonRun } from "./lib/autocannon";
import { fail } from "./lib/fail";
import { post } from "./lib/requests";
import { percentile } from "./lib/stats";

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1]! : fallback;
};
const url = arg("url", "");
if (!url) fail("--url http://127.0.0.1:<port>/graphql is required");
const durationS = Number(arg("duration", "10"));
const conns = arg("conns", "32,8").split(",").map(Number);

const FEED = `query Feed { latestNews(first: 20) { nodes { id slug title excerpt publishedAt author { name } } } }`;
const SEARCH = `query Search($query: String!) { search(query: $query, first: 10) {
  nodes { rank highlights { title fragment } article { id slug title publishedAt author { name } } } } }`;
const body = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });

const shapes: Record<string, string[]> = {
  feed: [body(FEED)],
  "search, selective": ["lighthouse keeper", "58 113", "ferry timetable", "tunnel inspection"].map((q) =>
    body(SEARCH, { query: q }),
  ),
  "search, broad": ["council", "parliament budget", "city council", "police"].map((q) => body(SEARCH, { query: q })),
};

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const [name, bodies] of Object.entries(shapes)) {
    for (const text of bodies) {
      const answer = await post(url, text);
      if (answer.status !== 200 || answer.json?.errors) fail(`${name}: ${answer.text.slice(0, 300)}`);
    }
    for (const connections of conns) {
      await autocannonRun(url, bodies, connections, 2, false);
      const run = await autocannonRun(url, bodies, connections, durationS, true);
      if (run.non2xx || run.gqlErrors) fail(`${name}: ${run.non2xx} non-2xx, ${run.gqlErrors} with errors`);
      const rps = run.lat.length / durationS;
      const p99 = percentile(Float64Array.from(run.lat).sort(), 0.99);
      const statements = run.stmtN ? (run.stmtSum / run.stmtN).toFixed(1) : "-";
      rows.push(`| ${name} | ${connections} | ${rps.toFixed(0)} | ${p99.toFixed(1)} | ${statements} |`);
    }
  }
  console.log("| shape | c | requests/s | p99 ms | statements/request |\n|---|---|---|---|---|");
  console.log(rows.join("\n"));
}

void main();
