/**
 * The Byline to benchmark: the working tree or a `git archive` snapshot of --commit, and the node arguments that
 * start it with the chosen --runtime (built with tsc first by default).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { fail } from "./fail";
import { log } from "./log";
import type { Options } from "./options";
import { OUT_DIR, ROOT } from "./paths";

const BUILD_DIR = path.join(OUT_DIR, "build");

/** Where the Byline source to benchmark lives: the working tree, or a `git archive` snapshot of --commit. */
export function sourceDir(opts: Options): string {
  if (!opts.commit) return ROOT;
  const rev = execFileSync("git", ["rev-parse", "--short", opts.commit], { cwd: ROOT }).toString().trim();
  const dir = path.join(OUT_DIR, `snapshot-${rev}`);
  if (!fs.existsSync(path.join(dir, "package.json"))) {
    log(`exporting commit ${rev} (git archive) into ${path.relative(ROOT, dir)}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    // Read-only for the repository: git archive | tar -x. node_modules resolve from the project root (a parent).
    execFileSync("sh", ["-c", `git archive --format=tar ${rev} | tar -x -C "${dir}"`], { cwd: ROOT });
  }
  return dir;
}

/** Node arguments that start Byline from `dir` with the chosen runtime (building first when needed). */
export function build(opts: Options, dir: string): string[] {
  if (opts.runtime === "source") return ["-r", "@swc-node/register", path.join(dir, "src/main.ts")];
  if (opts.runtime === "dist") {
    const entry = path.join(dir, "dist/src/main.js");
    if (!fs.existsSync(entry)) fail("--runtime dist: no dist/src/main.js (run npm run build first)");
    return [entry];
  }
  // The working tree is built into bench-results/build (the project's dist/ is left alone); a snapshot into its dist/.
  const outDir = dir === ROOT ? BUILD_DIR : path.join(dir, "dist");
  log(`building Byline (tsc -p tsconfig.build.json --outDir ${path.relative(ROOT, outDir)}) ...`);
  const t0 = Date.now();
  fs.rmSync(outDir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", outDir],
    { cwd: dir, stdio: "inherit" },
  );
  log(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return [path.join(outDir, "src/main.js")];
}
