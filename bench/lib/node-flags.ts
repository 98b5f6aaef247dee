/** The node flags of `npm start`, read from package.json (the Dockerfile's CMD has the same). */
import fs from "node:fs";
import path from "node:path";

/** The node flags of `npm start` (the Dockerfile's CMD has the same): benchmarks run Byline as it runs. */
export function startNodeFlags(root: string): string[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const words = scripts.start.split(/\s+/);
  return words.slice(words.indexOf("node") + 1).filter((word) => word.startsWith("--"));
}
