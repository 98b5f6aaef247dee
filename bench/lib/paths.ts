/** Where the benchmarks run from and write to: the repository root and its git-ignored bench-results/. */
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const OUT_DIR = path.join(ROOT, "bench-results");
