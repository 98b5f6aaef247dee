/**
 * The command line of `npm run bench`: every flag, its default and its bounds. The flags are documented in the doc
 * comment of bench/bench.ts, which `--help` prints.
 */
import fs from "node:fs";
import path from "node:path";

import { fail } from "./fail";
import { queries } from "./query-file";

/** The longest warm-up or measured autocannon run, in seconds. */
export const MAX_RUN_S = 15;

const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/byline_bench";
const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"];
const ENTRY_FILE = path.join(__dirname, "..", "bench.ts");

export interface Options {
  dbUrl: string;
  duration: number;
  warmup: number;
  conns: number[];
  ops: string[];
  rounds: number;
  slugs: number;
  feedPages: number;
  stmtRequests: number;
  runtime: "build" | "dist" | "source";
  commit: string | null;
  seedOnly: boolean;
  reseed: boolean;
  serve: boolean;
  serveMax: number;
  port: number;
  skipVerify: boolean;
  skipLoad: boolean;
  quietWait: number;
  quietCores: number;
  cpuProf: boolean;
  breakdown: boolean;
}

const defaults = (): Options => ({
  dbUrl: process.env.BENCH_DATABASE_URL || DEFAULT_DATABASE_URL,
  duration: 10,
  warmup: 3,
  conns: [32, 8],
  ops: ["q1", "q2"],
  rounds: 1,
  slugs: 1000,
  feedPages: 10,
  stmtRequests: 100,
  runtime: "build",
  commit: null,
  seedOnly: false,
  reseed: false,
  serve: false,
  serveMax: 3600,
  port: 0,
  skipVerify: false,
  skipLoad: false,
  quietWait: 15,
  quietCores: 0.3,
  cpuProf: false,
  breakdown: false,
});

/** The options of `argv` (the arguments after the script), validated; `--help` prints the usage and exits. */
export function parseOptions(argv: string[]): Options {
  const o = defaults();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    const num = (): number => {
      const raw = value();
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) fail(`${flag} needs a non-negative number (got ${raw})`);
      return n;
    };
    switch (flag) {
      case "--duration":
        o.duration = num();
        break;
      case "--warmup":
        o.warmup = num();
        break;
      case "--conns":
        o.conns = value().split(",").map(Number);
        break;
      case "--ops":
        o.ops = value().split(",").filter(Boolean);
        break;
      case "--rounds":
        o.rounds = num();
        break;
      case "--slugs":
        o.slugs = num();
        break;
      case "--feed-pages":
        o.feedPages = num();
        break;
      case "--stmt-requests":
        o.stmtRequests = num();
        break;
      case "--runtime": {
        const r = value();
        if (r !== "build" && r !== "dist" && r !== "source") fail("--runtime is build, dist or source");
        o.runtime = r;
        break;
      }
      case "--commit":
        o.commit = value();
        break;
      case "--seed-only":
        o.seedOnly = true;
        break;
      case "--reseed":
        o.reseed = true;
        break;
      case "--serve":
        o.serve = true;
        break;
      case "--serve-max":
        o.serveMax = num();
        break;
      case "--port":
        o.port = num();
        break;
      case "--skip-verify":
        o.skipVerify = true;
        break;
      case "--skip-load":
        o.skipLoad = true;
        break;
      case "--quiet-wait":
        o.quietWait = Math.min(num(), 60);
        break;
      case "--quiet-cores":
        o.quietCores = num();
        break;
      case "--cpu-prof":
        o.cpuProf = true;
        break;
      case "--breakdown":
        o.breakdown = true;
        break;
      case "-h":
      case "--help":
        console.log(usage());
        return process.exit(0);
      default:
        fail(`unknown option ${flag}`);
    }
  }
  validate(o);
  return o;
}

function validate(o: Options): void {
  if (!(o.duration > 0 && o.duration <= MAX_RUN_S)) fail(`--duration must be in (0, ${MAX_RUN_S}]`);
  if (!(o.warmup >= 0 && o.warmup <= MAX_RUN_S)) fail(`--warmup must be in [0, ${MAX_RUN_S}]`);
  if (!o.conns.length || o.conns.some((c) => !Number.isInteger(c) || c < 1 || c > 256))
    fail("--conns: integers 1..256");
  for (const op of o.ops)
    if (!queries.ops[op]) fail(`unknown op ${op} (bench/byline.js has ${Object.keys(queries.ops)})`);
  const host = new URL(o.dbUrl).hostname;
  if (!LOOPBACK_HOSTS.includes(host)) fail(`the bench database must be on loopback (got ${host})`);
}

/** The entry's doc comment, where the pipeline and every flag are described. */
const usage = (): string => fs.readFileSync(ENTRY_FILE, "utf8").split("*/")[0]!;
