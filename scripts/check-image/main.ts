// `npm run check:docker`: builds the Dockerfile for real and runs the image, on a machine without a Docker engine or a
// registry (as root; CI runs it after `npm ci`). One line per step; any problem fails with a non-zero exit code.
//   1. Lint: dockerfilelint and dockerfile-utils; docker-compose.yml: keys, healthchecks, the db/app wiring.
//   2. Base image: a local stand-in for node:<major>-slim (base-image.ts), built once per Node version.
//   3. Build: buildah bud on the unchanged Dockerfile (build.ts).
//   4. Run the image (run-image.ts): its content and USER; its CMD on a scratch database of the PostgreSQL at
//      CHECK_DOCKER_PG_URL, healthy by its HEALTHCHECK, the keys CLI, SIGTERM -> exit 0; the one-shot migrate; the CMD
//      on the embedded PostgreSQL.
// Containers, scratch databases and started processes are removed at the end, pass or fail; the logs are kept when it
// fails; images are kept (their layers are the next run's cache).
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { baseImageOf, ensureBaseImage } from "./base-image";
import { buildImage } from "./build";
import { inspectImage } from "./buildah";
import { checkCompose } from "./compose";
import { lintDockerfile } from "./lint";
import { CheckFailure, cleanUp, note, ok, onCleanup, secs } from "./report";
import { checkContent, checkEmbedded, checkOneShotMigrate, checkServerWithKeys, scratchDatabases } from "./run-image";

const REPO_ROOT = path.resolve(__dirname, "../..");
const DOCKERFILE = path.join(REPO_ROOT, "Dockerfile");
const COMPOSE_FILE = path.join(REPO_ROOT, "docker-compose.yml");
const IMAGE_TAG = "localhost/byline:image-check";
const PG_URL = process.env.CHECK_DOCKER_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

let passed = false;

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new CheckFailure("needs root: buildah builds and runs images as root here");
  lintDockerfile(DOCKERFILE);
  const baseImage = baseImageOf(readFileSync(DOCKERFILE, "utf8"));
  await ensureBaseImage(baseImage, REPO_ROOT);

  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "byline-image-check-"));
  onCleanup(() => (passed ? fs.rm(workDir, { recursive: true, force: true }) : note(`logs kept in ${workDir}`)));
  await buildImage(REPO_ROOT, IMAGE_TAG, path.join(workDir, "build.log"));
  const { config } = await inspectImage(IMAGE_TAG);
  const imagePort = (config.Env ?? []).find((e) => e.startsWith("PORT="))?.slice("PORT=".length) ?? "4000";
  const compose = checkCompose(COMPOSE_FILE, REPO_ROOT, imagePort);
  const image = { tag: IMAGE_TAG, config, repoRoot: REPO_ROOT, workDir, appEnv: compose.runEnv };

  const { uid } = await checkContent(image);
  const [serverDb, migrateDb] = await scratchDatabases(PG_URL, 2);
  await checkServerWithKeys(image, uid, serverDb);
  await checkOneShotMigrate(image, migrateDb);
  await checkEmbedded(image, uid);
  passed = true;
}

const started = Date.now();
main()
  .then(async () => {
    await cleanUp();
    ok(`check:docker passed in ${secs(Date.now() - started)}`);
  })
  .catch(async (error: unknown) => {
    if (error instanceof CheckFailure) {
      console.error(`✗ ${error.message}`);
      if (error.detail) console.error(error.detail.replace(/^/gm, "    "));
    } else {
      console.error("✗ check:docker crashed:", error);
    }
    await cleanUp();
    console.error(`✗ check:docker failed after ${secs(Date.now() - started)}`);
    process.exitCode = 1;
  });
