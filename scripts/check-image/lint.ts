import { readFileSync } from "node:fs";
import path from "node:path";

import { validate } from "dockerfile-utils";
import * as dockerfilelint from "dockerfilelint";

import { CheckFailure, ok } from "./report";

/**
 * Lints the Dockerfile with dockerfilelint and dockerfile-utils (they catch different things); every finding fails.
 * A build checks what Docker accepts; these check what it accepts but should not (a missing `-y`, `apt-get upgrade`,
 * an unknown flag or instruction it would warn about).
 */
export function lintDockerfile(dockerfilePath: string): void {
  const text = readFileSync(dockerfilePath, "utf8");
  const name = path.relative(process.cwd(), dockerfilePath) || dockerfilePath;
  const { text: forLint, workedAround } = withoutStartFlags(text);
  const findings = [
    ...dockerfilelint
      .run(path.dirname(dockerfilePath), forLint)
      .map((f) => `${name}:${f.line}: dockerfilelint ${f.category}: ${f.title} (${f.rule})`),
    ...validate(text).map(
      (d) =>
        `${name}:${d.range.start.line + 1}: dockerfile-utils ${d.severity === 1 ? "error" : "warning"}: ${d.message}`,
    ),
  ];
  const versions = `dockerfilelint ${version("dockerfilelint")} and dockerfile-utils ${version("dockerfile-utils")}`;
  if (findings.length > 0)
    throw new CheckFailure(`lint: ${versions}: ${findings.length} finding(s)`, findings.join("\n"));
  ok(
    `lint: ${versions} find nothing` +
      (workedAround ? " (dockerfilelint reads HEALTHCHECK without --start-period, which it wrongly rejects)" : ""),
  );
}

/**
 * dockerfilelint 1.8 rejects HEALTHCHECK --start-period (and --start-interval): its option pattern stops at the dash
 * (replicatedhq/dockerfilelint#166, unfixed). It gets those lines without these flags; dockerfile-utils checks them.
 */
function withoutStartFlags(text: string): { text: string; workedAround: boolean } {
  let inHealthcheck = false;
  let workedAround = false;
  const lines = text.split("\n").map((line) => {
    inHealthcheck ||= /^\s*HEALTHCHECK\b/i.test(line);
    if (!inHealthcheck) return line;
    inHealthcheck = /\\\s*$/.test(line);
    const stripped = line.replace(/--start-(period|interval)=\S*\s*/g, "");
    workedAround ||= stripped !== line;
    return stripped;
  });
  return { text: lines.join("\n"), workedAround };
}

function version(pkg: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")) as { version: string }).version;
}
