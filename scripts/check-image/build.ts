import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { exec, ok, onCleanup, secs } from "./report";

/**
 * A fixed modification time for the staged build context. buildah keys its layer cache on the files' metadata too,
 * and a fresh clone's files are all new: with a fixed time, unchanged package*.json reuse the `npm ci` layers.
 */
const CONTEXT_MTIME = new Date("2000-01-01T00:00:00Z");

/**
 * Builds the image with buildah from the unchanged Dockerfile (`--format docker`: the OCI format drops HEALTHCHECK),
 * on the stand-in base image (`--pull-never`), reusing earlier builds' layers. The context is the checkout's files
 * (tracked, and untracked ones git does not ignore), staged with a fixed time; the Dockerfile's .dockerignore applies.
 */
export async function buildImage(repoRoot: string, tag: string, log: string): Promise<void> {
  const context = await stageContext(repoRoot);
  const started = Date.now();
  const { stdout, stderr } = await exec(
    ["buildah", "bud", "--isolation", "chroot", "--pull-never", "--format", "docker", "--layers", "--jobs", "2"].concat(
      ["--tag", tag, context],
    ),
    "buildah bud",
    { timeoutMs: 15 * 60_000 },
  ).catch(async (error: unknown) => {
    await fs.writeFile(log, error instanceof Error ? `${error.message}\n` : String(error));
    throw error;
  });
  await fs.writeFile(log, `${stdout}\n${stderr}`);
  const steps = stdout.match(/^\[\d+\/\d+\] STEP /gm)?.length ?? 0;
  const cached = stdout.match(/^--> Using cache /gm)?.length ?? 0;
  ok(
    `buildah bud: ${tag} built in ${secs(Date.now() - started)} (${steps} steps, ${cached} from earlier builds' layers)`,
  );
}

async function stageContext(repoRoot: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "byline-image-context-"));
  onCleanup(() => fs.rm(dir, { recursive: true, force: true }));
  const listed = await exec(
    ["git", "-C", repoRoot, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    "git ls-files",
  );
  const files = [...new Set(listed.stdout.split("\0").filter(Boolean))].filter((f) =>
    existsSync(path.join(repoRoot, f)),
  );
  const dirs = new Set<string>();
  for (const file of files) {
    const target = path.join(dir, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.cp(path.join(repoRoot, file), target, { preserveTimestamps: false, verbatimSymlinks: true });
    await fs.lutimes(target, CONTEXT_MTIME, CONTEXT_MTIME);
    for (let d = path.dirname(file); d !== "."; d = path.dirname(d)) dirs.add(d);
  }
  for (const d of [...dirs, "."]) await fs.utimes(path.join(dir, d), CONTEXT_MTIME, CONTEXT_MTIME);
  return dir;
}
