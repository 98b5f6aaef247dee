// Checks the Dockerfile and docker-compose.yml on a machine without a Docker engine (`npm run check:docker`, in CI
// after `npm ci`). One line per step; any problem fails the run with a non-zero exit code.
//   1. Lint: dockerfilelint and dockerfile-utils (they catch different things); every finding fails.
//   2. docker-compose.yml: strict YAML, known keys, the db/app wiring (healthchecks, volume, DATABASE_URL, port).
//   3. Replay: dockerfile-ast parses the Dockerfile; each stage gets a fresh directory standing in for the image's
//      root: COPY from the build context (the repository, honouring .dockerignore) or --from an earlier stage, RUN
//      with `sh -c` in WORKDIR with the stage's ENV. FROM images are not pulled: this host's Node and npm stand in,
//      with a PATH of Debian's required packages only (what node:*-slim has: no compilers, python, curl or ps). A
//      cache mount at the build user's ~/.npm maps to this host's npm cache, so the two `npm ci` are quick.
//   4. Runtime stage: production dependencies only; a non-root USER that owns what it writes (.data) and nothing else.
//   5. Run: the final CMD as that USER (setpriv), with the image's ENV and the compose file's app environment, on a
//      scratch database of the PostgreSQL at --pg-url; the HEALTHCHECK until it passes, a GraphQL query, SIGTERM
//      and exit code 0. Then the one-shot `node dist/scripts/migrate.js` on another scratch database, and the CMD
//      without DATABASE_URL (the embedded PostgreSQL in .data, as that USER).
// Temporary directories, scratch databases and started processes are removed at the end, pass or fail.
// RUN commands run on this host as root: absolute paths into the image's own directories (WORKDIR, /root, /home)
// are mapped into the stage directory; any other absolute path is the host's. Needs root (chown, setpriv).
//
// Usage: node scripts/check-dockerfile.mjs [--dockerfile Dockerfile] [--compose docker-compose.yml]
//          [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--tmpdir <dir>] [--keep] [--verbose]
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import pg from "pg";
import YAML from "yaml";

const require = createRequire(import.meta.url);
const { DockerfileParser } = require("dockerfile-ast");
const dockerfileUtils = require("dockerfile-utils");
const dockerfilelint = require("dockerfilelint");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: opts } = parseArgs({
  options: {
    dockerfile: { type: "string", default: path.join(root, "Dockerfile") },
    compose: { type: "string", default: path.join(root, "docker-compose.yml") },
    "pg-url": {
      type: "string",
      default: process.env.CHECK_DOCKER_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    },
    tmpdir: { type: "string" },
    keep: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});
const dockerfilePath = path.resolve(opts.dockerfile);
const composePath = path.resolve(opts.compose);
const contextDir = root;

/** The base image's users and PATH (the official node images: user `node` is uid/gid 1000). */
const BASE_USERS = { root: { uid: 0, gid: 0, home: "/root" }, node: { uid: 1000, gid: 1000, home: "/home/node" } };
const BASE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
/** Where the app writes: the parent of the embedded PostgreSQL's default data dir (EMBEDDED_PG_DIR=.data/postgres). */
const DATA_DIR = ".data";
const HEALTHY_WITHIN_MS = 60_000;
const STOPPED_WITHIN_MS = 5_000;

const started = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const ok = (message) => console.log(`✓ ${message}`);
const note = (message) => console.log(`· ${message}`);
const rel = (file) => {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
};

/** file:line of an instruction, for messages. */
const at = (instruction) => `${rel(dockerfilePath)}:${instruction.getRange().start.line + 1}`;

class CheckFailure extends Error {
  constructor(message, detail = "") {
    super(message);
    this.detail = detail;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Cleanup: processes this script started, scratch databases, temporary directories.

const children = new Set();
const cleanups = [];
let cleaningUp = false;
async function cleanup() {
  if (cleaningUp) return;
  cleaningUp = true;
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, "SIGKILL"); // its process group: what a RUN started too
    } catch {
      child.kill("SIGKILL");
    }
  }
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (error) {
      console.error(`  cleanup: ${error.message}`);
    }
  }
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    console.error(`✗ interrupted (${signal}): cleaning up`);
    void cleanup().then(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// 1. Lint

function lint(text, dockerfile) {
  const name = rel(dockerfilePath);
  const findings = [];
  // dockerfilelint 1.8 rejects HEALTHCHECK --start-period (and --start-interval): its option regex stops at the dash
  // (replicatedhq/dockerfilelint#166, unfixed). It reads those lines without these flags; dockerfile-utils checks them.
  const lines = text.split("\n");
  let workedAround = false;
  for (const healthcheck of dockerfile.getHEALTHCHECKs()) {
    const { start, end } = healthcheck.getRange();
    for (let line = start.line; line <= end.line; line++) {
      const stripped = lines[line].replace(/--start-(period|interval)=\S*\s*/g, "");
      if (stripped !== lines[line]) workedAround = true;
      lines[line] = stripped;
    }
  }
  for (const item of dockerfilelint.run(root, lines.join("\n"))) {
    findings.push(`${name}:${item.line}: dockerfilelint ${item.category}: ${item.title} (${item.rule})`);
  }
  for (const diagnostic of dockerfileUtils.validate(text)) {
    const severity = diagnostic.severity === 1 ? "error" : "warning";
    findings.push(`${name}:${diagnostic.range.start.line + 1}: dockerfile-utils ${severity}: ${diagnostic.message}`);
  }
  const versions = `dockerfilelint ${version("dockerfilelint")} and dockerfile-utils ${version("dockerfile-utils")}`;
  if (findings.length > 0) {
    throw new CheckFailure(`lint: ${versions}: ${findings.length} finding(s)`, findings.join("\n"));
  }
  ok(
    `lint: ${versions} find nothing` +
      (workedAround ? " (dockerfilelint reads HEALTHCHECK without --start-period, which it wrongly rejects)" : ""),
  );
}

function version(pkg) {
  return JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")).version;
}

// ---------------------------------------------------------------------------------------------------------------------
// 2. docker-compose.yml

const COMPOSE_TOP_KEYS = new Set("name version services networks volumes configs secrets include models".split(" "));
// The Compose Specification's service attributes.
const SERVICE_KEYS = new Set(
  `annotations attach build blkio_config cap_add cap_drop cgroup cgroup_parent command configs container_name cpu_count
  cpu_percent cpu_shares cpu_quota cpu_period cpu_rt_period cpu_rt_runtime cpus cpuset credential_spec depends_on deploy
  develop device_cgroup_rules devices dns dns_opt dns_search domainname entrypoint env_file environment expose extends
  external_links extra_hosts gpus group_add healthcheck hostname image init ipc isolation labels label_file links logging
  mac_address mem_limit mem_reservation mem_swappiness memswap_limit models network_mode networks oom_kill_disable
  oom_score_adj pid pids_limit platform ports post_start pre_stop privileged profiles provider pull_policy read_only
  restart runtime scale secrets security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs
  tty ulimits use_api_socket user userns_mode uts volumes volumes_from working_dir`.split(/\s+/),
);
const HEALTHCHECK_KEYS = new Set("test interval timeout retries start_period start_interval disable".split(" "));
const DURATION = /^(\d+(\.\d+)?(us|ms|s|m|h))+$/;
const CONDITIONS = new Set(["service_started", "service_healthy", "service_completed_successfully"]);

/** Compose's interpolation, as a checkout without an .env file sees it: only the defaults in the file count. */
function interpolate(value, where) {
  if (typeof value === "string") {
    return value.replace(
      /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
      (match, braced, op, arg, bare) => {
        if (match === "$$") return "$";
        if (op === ":-" || op === "-") return arg;
        if (op === ":+" || op === "+") return "";
        throw new CheckFailure(`${rel(composePath)}: ${where} needs ${braced ?? bare} set (give it a default)`);
      },
    );
  }
  if (Array.isArray(value)) return value.map((item, i) => interpolate(item, `${where}[${i}]`));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, `${where}.${k}`)]));
  }
  return value;
}

function envOf(service) {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v == null ? "" : `${v}`]));
  return Object.fromEntries(env.map((item) => [item.split("=")[0], item.split("=").slice(1).join("=")]));
}

function parsePort(spec) {
  if (typeof spec === "object") return { host: `${spec.published ?? ""}`, container: `${spec.target}` };
  const parts = `${spec}`.replace(/\/(tcp|udp)$/, "").split(":");
  return { container: parts.at(-1), host: parts.length > 1 ? parts.at(-2) : "" };
}

function checkCompose(image) {
  const name = rel(composePath);
  const doc = YAML.parseDocument(readFileSync(composePath, "utf8"), { uniqueKeys: true, prettyErrors: true });
  const yamlProblems = [...doc.errors, ...doc.warnings].map((e) => e.message);
  if (yamlProblems.length > 0) throw new CheckFailure(`${name}: not valid YAML`, yamlProblems.join("\n"));
  const compose = interpolate(doc.toJS(), "");
  const problems = [];
  const fail = (message) => problems.push(`${name}: ${message}`);
  for (const key of Object.keys(compose ?? {})) {
    if (!COMPOSE_TOP_KEYS.has(key) && !key.startsWith("x-")) fail(`unknown top-level key "${key}"`);
  }
  const services = compose?.services ?? {};
  const volumes = compose?.volumes ?? {};
  for (const [serviceName, service] of Object.entries(services)) {
    for (const key of Object.keys(service ?? {})) {
      if (!SERVICE_KEYS.has(key) && !key.startsWith("x-")) fail(`services.${serviceName}: unknown key "${key}"`);
    }
    for (const [key, value] of Object.entries(service?.healthcheck ?? {})) {
      if (!HEALTHCHECK_KEYS.has(key)) fail(`services.${serviceName}.healthcheck: unknown key "${key}"`);
      if (/interval|timeout|period/.test(key) && !DURATION.test(`${value}`)) {
        fail(`services.${serviceName}.healthcheck.${key}: "${value}" is not a duration`);
      }
      if (key === "retries" && !Number.isInteger(value)) fail(`services.${serviceName}.healthcheck.retries: a number`);
    }
    const dependsOn = Array.isArray(service?.depends_on)
      ? Object.fromEntries(service.depends_on.map((s) => [s, { condition: "service_started" }]))
      : (service?.depends_on ?? {});
    for (const [target, { condition = "service_started" }] of Object.entries(dependsOn)) {
      const where = `services.${serviceName}.depends_on.${target}`;
      if (!services[target]) fail(`${where}: no such service`);
      if (!CONDITIONS.has(condition)) fail(`${where}: unknown condition "${condition}"`);
      const checked = services[target]?.healthcheck ? !services[target].healthcheck.disable : services[target]?.build;
      if (condition === "service_healthy" && !checked) fail(`${where}: service_healthy, but it has no healthcheck`);
    }
    for (const mount of service?.volumes ?? []) {
      const source = typeof mount === "string" ? mount.split(":")[0] : mount.source;
      if (source && !/^[./~]/.test(source) && !(source in volumes)) {
        fail(`services.${serviceName}.volumes: "${source}" is not declared under the top-level volumes`);
      }
    }
  }

  const dbEntry = Object.entries(services).find(([, s]) =>
    /^(docker\.io\/)?(library\/)?postgres:/.test(s?.image ?? ""),
  );
  const appEntry = Object.entries(services).find(([, s]) => s?.build !== undefined);
  if (!dbEntry) fail("no service runs the official postgres image");
  if (!appEntry) fail("no service is built from the Dockerfile");
  if (!dbEntry || !appEntry) throw new CheckFailure(`${name}: ${problems.length} problem(s)`, problems.join("\n"));
  const [dbName, db] = dbEntry;
  const [appName, app] = appEntry;

  const major = Number(/:(\d+)/.exec(db.image)?.[1]);
  if (major !== 16 && major !== 17) fail(`services.${dbName}.image: ${db.image}: use PostgreSQL 16 or 17`);
  const dbTest = [db.healthcheck?.test ?? []].flat().join(" ");
  if (!dbTest.includes("pg_isready")) fail(`services.${dbName}.healthcheck: test with pg_isready`);
  const dataMount = (db.volumes ?? []).find(
    (m) => (typeof m === "string" ? m.split(":")[1] : m.target) === "/var/lib/postgresql/data",
  );
  const dataVolume = typeof dataMount === "string" ? dataMount.split(":")[0] : dataMount?.source;
  if (!dataVolume || !(dataVolume in volumes)) fail(`services.${dbName}: a named volume at /var/lib/postgresql/data`);
  const dbEnv = envOf(db);

  const build = typeof app.build === "string" ? { context: app.build } : app.build;
  const buildContext = path.resolve(path.dirname(composePath), build.context ?? ".");
  const buildDockerfile = path.resolve(buildContext, build.dockerfile ?? "Dockerfile");
  if (buildContext !== contextDir) fail(`services.${appName}.build: context ${build.context} is not the repository`);
  if (!existsSync(buildDockerfile)) fail(`services.${appName}.build: no ${rel(buildDockerfile)}`);
  if (app.depends_on?.[dbName]?.condition !== "service_healthy") {
    fail(`services.${appName}.depends_on: ${dbName} with condition: service_healthy`);
  }
  const appEnv = envOf(app);
  let url = null;
  try {
    url = new URL(appEnv.DATABASE_URL);
  } catch {
    fail(`services.${appName}.environment.DATABASE_URL: not a URL`);
  }
  if (url) {
    const user = dbEnv.POSTGRES_USER ?? "postgres";
    const expected = { hostname: dbName, port: "5432", username: user, password: dbEnv.POSTGRES_PASSWORD ?? "" };
    for (const [key, value] of Object.entries(expected)) {
      if ((key === "port" ? url.port || "5432" : decodeURIComponent(url[key])) !== value) {
        fail(`services.${appName}.environment.DATABASE_URL: ${key} should be "${value}" (the ${dbName} service)`);
      }
    }
    if (url.pathname.slice(1) !== (dbEnv.POSTGRES_DB ?? user)) {
      fail(`services.${appName}.environment.DATABASE_URL: database should be ${dbEnv.POSTGRES_DB ?? user}`);
    }
  }
  if ((appEnv.PREVIEW_SECRET ?? "").length < 32) fail(`services.${appName}.environment.PREVIEW_SECRET: 32+ characters`);
  const containerPort = image.env.PORT ?? "4000";
  const ports = (app.ports ?? []).map(parsePort);
  if (!ports.some((p) => p.container === containerPort && p.host === "4000")) {
    fail(`services.${appName}.ports: publish 4000 to the container's PORT ${containerPort}`);
  }
  if (problems.length > 0) throw new CheckFailure(`${name}: ${problems.length} problem(s)`, problems.join("\n"));
  ok(
    `${name}: ${dbName} ${db.image} (pg_isready healthcheck, volume ${dataVolume}); ${appName} built from ` +
      `${path.relative(path.dirname(composePath), buildContext) || "."}, started when ${dbName} is healthy, ` +
      `DATABASE_URL to ${dbName}, port ${ports[0].host}`,
  );
  const { DATABASE_URL: _url, ...runEnv } = appEnv;
  return { appName, runEnv };
}

// ---------------------------------------------------------------------------------------------------------------------
// 3. Replay

/** .dockerignore (or <Dockerfile>.dockerignore): Docker's matching, the last matching rule wins. */
function loadDockerignore() {
  const file = [`${dockerfilePath}.dockerignore`, path.join(contextDir, ".dockerignore")].find((f) => existsSync(f));
  const rules = (file ? readFileSync(file, "utf8") : "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const negate = line.startsWith("!");
      const pattern = path.posix.normalize((negate ? line.slice(1) : line).trim()).replace(/^\/+|\/+$/g, "");
      return { negate, re: globToRegExp(pattern) };
    });
  const ignored = (relPath) => {
    const parts = relPath.split("/");
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    let result = false;
    for (const rule of rules) if (prefixes.some((p) => rule.re.test(p))) result = !rule.negate;
    return result;
  };
  return { file, ignored, hasExceptions: rules.some((r) => r.negate) };
}

/** Go's filepath.Match syntax plus `**`, as Docker uses for .dockerignore and COPY sources. */
function globToRegExp(pattern) {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*" && pattern[i + 1] === "*") {
      i++;
      if (pattern[i + 1] === "/") {
        i++;
        re += "(?:.*/)?";
      } else re += ".*";
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[" && pattern.indexOf("]", i + 1) > i) {
      const end = pattern.indexOf("]", i + 1);
      re += `[${pattern.slice(i + 1, end).replace(/^[!^]/, "^")}]`;
      i = end;
    } else if (c === "\\" && i + 1 < pattern.length) re += escapeRe(pattern[++i]);
    else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const hasGlob = (s) => /[*?[]/.test(s);

/** Docker's variable substitution in ENV, ARG, WORKDIR, COPY, USER, EXPOSE: $VAR, ${VAR}, ${VAR:-x}, ${VAR:+x}. */
function expand(text, vars) {
  return text.replace(/\\\$|\$\{([A-Za-z_]\w*)(?::([-+])([^}]*))?\}|\$([A-Za-z_]\w*)/g, (m, braced, op, arg, bare) => {
    if (m === "\\$") return "$";
    const value = vars[braced ?? bare];
    if (op === "-") return value ? value : arg;
    if (op === "+") return value ? arg : "";
    return value ?? "";
  });
}

/** A shell-form instruction's text as Docker runs it: continuations joined, comment lines inside them dropped. */
function shellText(raw, escapeChar) {
  const continued = new RegExp(`${escapeRe(escapeChar)}[ \\t]*$`);
  let out = "";
  raw.split("\n").forEach((line, i, all) => {
    line = line.replace(/\r$/, "");
    if (i > 0 && /^\s*#/.test(line)) return;
    if (continued.test(line)) out += line.replace(continued, "");
    else out += line + (i < all.length - 1 ? "\n" : "");
  });
  return out.trim();
}

function jsonOrShell(instruction, text, shell) {
  const json = instruction.getJSONStrings?.() ?? [];
  if (json.length > 0 && instruction.getClosingBracket?.()) return json.map((s) => s.getJSONValue());
  if (text.startsWith("[")) {
    try {
      const argv = JSON.parse(text);
      if (Array.isArray(argv) && argv.every((a) => typeof a === "string")) return argv;
    } catch {
      // not JSON: shell form, as Docker does
    }
  }
  return [...shell, text];
}

class Stage {
  constructor(index, name, image, dir) {
    Object.assign(this, { index, name, image, dir });
    this.workdir = "/";
    this.env = { PATH: BASE_PATH };
    this.args = {};
    this.user = "root";
    this.shell = ["/bin/sh", "-c"];
    this.cmd = null;
    this.entrypoint = null;
    this.healthcheck = null;
    this.steps = []; // what was replayed, in order, for the summary line
  }
  vars() {
    return { ...this.args, ...this.env };
  }
  /** An absolute path inside the image -> the stage directory. */
  host(imagePath) {
    return path.join(this.dir, path.posix.resolve(this.workdir, imagePath));
  }
  get cwd() {
    return this.host(this.workdir);
  }
  account(user = this.user) {
    const [name, group] = user.split(":");
    const base = BASE_USERS[name] ?? (/^\d+$/.test(name) ? { uid: Number(name), gid: Number(name), home: "/" } : null);
    if (!base) {
      throw new CheckFailure(`USER ${user}: no such user in the base image (known: ${Object.keys(BASE_USERS)})`);
    }
    const gid = group === undefined ? base.gid : (BASE_USERS[group]?.gid ?? Number(group));
    return { name, uid: base.uid, gid, home: base.home };
  }
  /** Absolute paths into the image's own top-level directories, rewritten into the stage directory. */
  mapPaths(text) {
    const tops = readdirSync(this.dir).map(escapeRe);
    if (tops.length === 0) return text;
    const re = new RegExp(`(^|[\\s"'=:;|&()<>])/(${tops.join("|")})(?=/|$|[\\s"';:|&()<>])`, "g");
    return text.replace(re, (_m, before, top) => `${before}${this.dir}/${top}`);
  }
  /** The environment a process of this image sees on this host. */
  processEnv(toolbox, extra = {}, user = this.user) {
    const env = {};
    for (const [key, value] of Object.entries({ ...this.args, ...this.env })) env[key] = this.mapPaths(value);
    const imagePath = (this.env.PATH ?? BASE_PATH).split(":");
    const mapped = imagePath.map((dir) => (BASE_PATH.split(":").includes(dir) ? toolbox.bin : this.mapPaths(dir)));
    env.PATH = [toolbox.bin, ...new Set(mapped)].filter((d, i, all) => all.indexOf(d) === i).join(":");
    env.HOME = this.host(this.account(user).home);
    return { ...env, ...extra };
  }
  /** argv run as the stage's USER: setpriv when it is not root. */
  asUser(argv, toolbox, user = this.user) {
    const { uid, gid } = this.account(user);
    if (uid === 0) return argv;
    return [toolbox.setpriv, `--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--", ...argv];
  }
}

/**
 * The tools a node:*-slim image has: Debian's required packages (from this host's dpkg database) plus node, npm and
 * npx, and a `chown` that knows the base image's user names.
 */
async function makeToolbox(dir) {
  const bin = path.join(dir, "bin");
  await fs.mkdir(bin, { recursive: true });
  const which = (name) => spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  const tools = new Map();
  const query = spawnSync("dpkg-query", ["-W", "-f=${Package}\t${Priority}\t${Essential}\n"], { encoding: "utf8" });
  let description;
  if (query.status === 0) {
    const required = query.stdout
      .split("\n")
      .map((line) => line.split("\t"))
      .filter(([pkg, priority, essential]) => pkg && (priority === "required" || essential === "yes"))
      .map(([pkg]) => pkg);
    const files = spawnSync("dpkg-query", ["-L", ...required], { encoding: "utf8", maxBuffer: 64 << 20 }).stdout;
    for (const file of files.split("\n")) {
      if (/^\/(usr\/)?s?bin\/[^/]+$/.test(file) && existsSync(file)) tools.set(path.basename(file), file);
    }
    for (const name of ["sh", "awk"]) if (which(name)) tools.set(name, which(name));
    description = `Debian's ${required.length} required packages`;
  } else {
    for (const dir of (process.env.PATH ?? "").split(":")) {
      for (const name of existsSync(dir) ? readdirSync(dir) : []) {
        if (!tools.has(name)) tools.set(name, path.join(dir, name));
      }
    }
    description = "this host's PATH (no dpkg here to tell what node:*-slim has)";
  }
  for (const name of ["node", "npm", "npx", "corepack"]) if (which(name)) tools.set(name, which(name));
  const realChown = tools.get("chown") ?? which("chown");
  tools.delete("chown");
  for (const [name, target] of tools) await fs.symlink(target, path.join(bin, name));
  const cases = Object.entries(BASE_USERS)
    .map(([name, { uid }]) => `${name}) echo ${uid} ;;`)
    .join(" ");
  await fs.writeFile(
    path.join(bin, "chown"),
    [
      "#!/bin/sh",
      "# check-dockerfile: the base image's user names do not exist on this host; use their ids.",
      `id_of() { case "$1" in ${cases} *) echo "$1" ;; esac; }`,
      "done=",
      'for arg do shift; if [ -z "$done" ] && [ "${arg#-}" = "$arg" ]; then done=1',
      '  case "$arg" in *:*) arg="$(id_of "${arg%%:*}"):$(id_of "${arg#*:}")" ;; *) arg="$(id_of "$arg")" ;; esac',
      'fi; set -- "$@" "$arg"; done',
      `exec ${realChown} "$@"`,
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  const setpriv = which("setpriv");
  if (!setpriv) throw new CheckFailure("setpriv (util-linux) is needed to run the image's USER");
  return { bin, setpriv, description, count: tools.size + 1 };
}

/** Runs argv to completion, output to a log file; throws with the log's tail on a non-zero exit. */
async function runLogged(argv, { cwd, env, log, what, timeoutMs = 15 * 60_000 }) {
  const fd = openSync(log, "a");
  const stdio = ["ignore", opts.verbose ? "inherit" : fd, fd];
  const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio, detached: true });
  children.add(child);
  const timer = setTimeout(() => process.kill(-child.pid, "SIGKILL"), timeoutMs);
  const [code, signal] = await new Promise((resolve) => {
    child.on("error", (error) => resolve([127, error.message]));
    child.on("exit", (c, s) => resolve([c, s]));
  });
  clearTimeout(timer);
  closeSync(fd);
  children.delete(child);
  if (code !== 0) throw new CheckFailure(`${what}: exit ${code ?? signal}`, tail(log));
}

function tail(file, lines = 25) {
  const text = existsSync(file) ? readFileSync(file, "utf8").trimEnd() : "";
  return text.split("\n").slice(-lines).join("\n");
}

async function copyEntry(source, target) {
  const stat = await fs.lstat(source);
  if (stat.isSymbolicLink()) await fs.symlink(await fs.readlink(source), target);
  else await fs.copyFile(source, target);
}

/** COPY from the build context: a directory's contents, honouring .dockerignore. */
async function copyContextDir(sourceRel, target, ignore) {
  await fs.mkdir(target, { recursive: true });
  let files = 0;
  for (const entry of await fs.readdir(path.join(contextDir, sourceRel), { withFileTypes: true })) {
    const childRel = sourceRel ? `${sourceRel}/${entry.name}` : entry.name;
    const ignored = ignore.ignored(childRel);
    if (entry.isDirectory()) {
      if (ignored && !ignore.hasExceptions) continue;
      files += await copyContextDir(childRel, path.join(target, entry.name), ignore);
    } else if (!ignored) {
      await copyEntry(path.join(contextDir, childRel), path.join(target, entry.name));
      files++;
    }
  }
  return files;
}

function contextMatches(pattern, ignore) {
  const re = globToRegExp(pattern);
  const found = [];
  const walk = (dirRel) => {
    for (const entry of readdirSync(path.join(contextDir, dirRel), { withFileTypes: true })) {
      const childRel = dirRel ? `${dirRel}/${entry.name}` : entry.name;
      if (ignore.ignored(childRel) && !(entry.isDirectory() && ignore.hasExceptions)) continue;
      if (re.test(childRel)) found.push(childRel);
      else if (entry.isDirectory()) walk(childRel);
    }
  };
  walk("");
  return found;
}

async function replayCopy(stage, instruction, stages, ignore) {
  const keyword = instruction.getKeyword();
  const where = `${at(instruction)} ${keyword} (stage ${stage.name})`;
  const flags = Object.fromEntries(instruction.getFlags().map((f) => [f.getName(), f.getValue()]));
  for (const flag of Object.keys(flags)) {
    if (!["from", "chown", "chmod", "link"].includes(flag)) {
      throw new CheckFailure(`${where}: --${flag} is not replayed`);
    }
  }
  if (instruction.getHeredocs().length > 0) throw new CheckFailure(`${where}: heredocs are not replayed`);
  const json = instruction.getClosingBracket() ? instruction.getJSONStrings().map((s) => s.getJSONValue()) : [];
  const args = json.length > 0 ? json : instruction.getArguments().map((a) => a.getValue());
  const words = args.map((a) => expand(a, stage.vars()));
  if (words.length < 2) throw new CheckFailure(`${where}: needs a source and a destination`);
  const dest = words.at(-1);
  const sources = words.slice(0, -1);
  const destImage = path.posix.resolve(stage.workdir, dest);
  const destHost = stage.host(destImage);
  const intoDir = dest.endsWith("/") || (existsSync(destHost) && statSync(destHost).isDirectory());
  const copied = [];

  if (flags.from !== undefined) {
    const from = stages.find((s) => s.name === flags.from?.toLowerCase() || `${s.index}` === flags.from);
    if (!from) {
      throw new CheckFailure(`${where}: --from=${flags.from}: no earlier stage of that name (images are not pulled)`);
    }
    if (sources.length > 1 && !dest.endsWith("/")) {
      throw new CheckFailure(`${where}: several sources need a dest ending in /`);
    }
    for (const source of sources) {
      if (hasGlob(source)) throw new CheckFailure(`${where}: wildcards in COPY --from are not replayed`);
      const sourceHost = from.host(path.posix.resolve("/", source));
      if (!existsSync(sourceHost)) throw new CheckFailure(`${where}: ${source} does not exist in stage ${from.name}`);
      const isDir = statSync(sourceHost).isDirectory();
      const target = isDir ? destHost : intoDir ? path.join(destHost, path.basename(sourceHost)) : destHost;
      await fs.mkdir(isDir ? target : path.dirname(target), { recursive: true });
      const cp = ["cp", "-dR", "--preserve=mode,timestamps", isDir ? `${sourceHost}/.` : sourceHost, target];
      const result = spawnSync(cp[0], cp.slice(1), { encoding: "utf8" });
      if (result.status !== 0) throw new CheckFailure(`${where}: cp failed`, result.stderr);
      copied.push(target);
    }
  } else {
    const matches = [];
    for (const source of sources) {
      if (/^[a-z]+:\/\//i.test(source)) throw new CheckFailure(`${where}: URL sources are not replayed`);
      const sourceRel = path.posix.normalize(source).replace(/^\/+/, "").replace(/\/$/, "");
      if (sourceRel === ".." || sourceRel.startsWith("../")) {
        throw new CheckFailure(`${where}: ${source} is outside the context`);
      }
      const found = hasGlob(sourceRel)
        ? contextMatches(sourceRel, ignore)
        : existsSync(path.join(contextDir, sourceRel)) && !ignore.ignored(sourceRel === "." ? "" : sourceRel)
          ? [sourceRel === "." ? "" : sourceRel]
          : [];
      if (found.length === 0) {
        const excluded = existsSync(path.join(contextDir, sourceRel)) ? " (excluded by .dockerignore)" : "";
        throw new CheckFailure(`${where}: ${source} not found in the build context${excluded}`);
      }
      matches.push(...found);
    }
    if (matches.length > 1 && !dest.endsWith("/")) {
      throw new CheckFailure(`${where}: several sources need a dest ending in /`);
    }
    for (const sourceRel of matches) {
      const sourceHost = path.join(contextDir, sourceRel);
      if (lstatSync(sourceHost).isDirectory()) {
        await copyContextDir(sourceRel, destHost, ignore);
        copied.push(destHost);
      } else {
        const target = intoDir ? path.join(destHost, path.basename(sourceRel)) : destHost;
        await fs.mkdir(path.dirname(target), { recursive: true });
        await copyEntry(sourceHost, target);
        copied.push(target);
      }
    }
  }
  if (flags.chown || flags.chmod) {
    for (const target of copied) {
      if (flags.chown) {
        const { uid, gid } = stage.account(expand(flags.chown, stage.vars()));
        spawnSync("chown", ["-R", `${uid}:${gid}`, target]);
      }
      if (flags.chmod) spawnSync("chmod", ["-R", flags.chmod, target]);
    }
  }
}

async function replayRun(stage, instruction, ctx) {
  if (instruction.getHeredocs().length > 0) throw new CheckFailure(`${at(instruction)} RUN: heredocs are not replayed`);
  // Quiet npm's update notice (a harness detail: it would only clutter a failure's output).
  const env = { ...stage.processEnv(ctx.toolbox), npm_config_update_notifier: "false" };
  for (const flag of instruction.getFlags()) {
    const name = flag.getName();
    const options = Object.fromEntries(flag.getOptions().map((o) => [o.getName(), o.getValue()]));
    const target = options.target ?? options.dst ?? options.destination;
    const npmCache = path.posix.join(stage.account().home, ".npm");
    if (name === "mount" && options.type === "cache" && target === npmCache) {
      env.npm_config_cache = ctx.npmCache; // the build user's npm cache, kept across builds: this host's
    } else if (name !== "network" && name !== "security") {
      throw new CheckFailure(
        `${at(instruction)} RUN: --${name}=${flag.getValue()} is not replayed (a cache mount at ${npmCache} is)`,
      );
    }
  }
  const text = shellText(instruction.getRawArgumentsContent() ?? "", ctx.escapeChar);
  const argv = jsonOrShell(instruction, text, stage.shell).map((a) => stage.mapPaths(a));
  const what = `${at(instruction)} RUN ${text.replace(/\s+/g, " ")} (stage ${stage.name})`;
  if (opts.verbose) note(`RUN ${text}`);
  const start = Date.now();
  await runLogged(stage.asUser(argv, ctx.toolbox), { cwd: stage.cwd, env, log: ctx.log(stage), what });
  stage.steps.at(-1).text = `RUN ${text.replace(/\s+/g, " ")} (${secs(Date.now() - start)})`;
}

/**
 * Replays the stages the final one needs, each as soon as the stages it uses are done (as BuildKit does: here deps
 * and build run side by side).
 */
async function replay(dockerfile, tmp, toolbox) {
  const ctx = {
    toolbox,
    ignore: loadDockerignore(),
    npmCache: spawnSync("npm", ["config", "get", "cache"], { encoding: "utf8" }).stdout.trim(),
    escapeChar: dockerfile.getEscapeCharacter(),
    log: (stage) => path.join(tmp, `${stage.index}-${stage.name}.log`),
  };
  const groups = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === "FROM") groups.push({ from: instruction, body: [] });
    else if (groups.length > 0) groups.at(-1).body.push(instruction);
    else if (instruction.getKeyword() !== "ARG") {
      throw new CheckFailure(`${at(instruction)} ${instruction.getKeyword()} before any FROM`);
    }
  }
  if (groups.length === 0) throw new CheckFailure("no FROM: nothing to replay");
  const stages = groups.map(({ from }, index) => {
    const name = from.getBuildStage()?.toLowerCase() ?? `${index}`;
    return new Stage(index, name, from.getImage(), path.join(tmp, `stage-${index}-${name}`));
  });
  for (const [index, { body }] of groups.entries()) {
    const stage = stages[index];
    const earlier = (ref) => stages.slice(0, index).find((s) => s.name === ref.toLowerCase() || `${s.index}` === ref);
    stage.parent = earlier(stage.image) ?? null;
    stage.needs = new Set(stage.parent ? [stage.parent] : []);
    for (const instruction of body) {
      const from = ["COPY", "ADD"].includes(instruction.getKeyword()) ? instruction.getFromFlag?.()?.getValue() : null;
      if (!from) continue;
      const used = earlier(from);
      if (!used) {
        throw new CheckFailure(
          `${at(instruction)} COPY --from=${from}: no earlier stage of that name (images are not pulled)`,
        );
      }
      stage.needs.add(used);
    }
  }
  const final = stages.at(-1);
  const wanted = new Set();
  const want = (stage) => {
    if (wanted.has(stage)) return;
    wanted.add(stage);
    stage.needs.forEach(want);
  };
  want(final);
  for (const stage of stages) {
    if (!wanted.has(stage)) note(`stage ${stage.name}: skipped, the final stage does not use it`);
  }
  const done = [];
  for (const stage of stages) {
    if (!wanted.has(stage)) continue;
    done[stage.index] = Promise.all([...stage.needs].map((s) => done[s.index])).then(() =>
      replayStage(stage, groups[stage.index].body, stages, ctx),
    );
    done[stage.index].catch(() => {}); // reported once, through Promise.all below
  }
  await Promise.all(done.filter(Boolean));
  return { stages, final };
}

async function replayStage(stage, body, stages, ctx) {
  const started = Date.now();
  if (stage.parent) {
    spawnSync("cp", ["-a", stage.parent.dir, stage.dir]);
    for (const key of ["workdir", "env", "user", "shell", "cmd", "entrypoint", "healthcheck"]) {
      stage[key] = structuredClone(stage.parent[key]);
    }
  } else {
    await fs.mkdir(stage.dir, { mode: 0o755 });
    for (const { uid, gid, home } of Object.values(BASE_USERS)) {
      await fs.mkdir(stage.host(home), { recursive: true, mode: uid === 0 ? 0o700 : 0o755 });
      await fs.chown(stage.host(home), uid, gid);
    }
  }
  for (const instruction of body) {
    const keyword = instruction.getKeyword();
    if (stage.steps.at(-1)?.keyword === keyword && keyword !== "RUN") stage.steps.at(-1).count++;
    else stage.steps.push({ keyword, count: 1 });
    const content = shellText(instruction.getRawArgumentsContent() ?? "", ctx.escapeChar);
    switch (keyword) {
      case "WORKDIR":
        stage.workdir = path.posix.resolve(stage.workdir, expand(content, stage.vars()));
        await fs.mkdir(stage.cwd, { recursive: true });
        break;
      case "ENV":
      case "ARG": {
        const target = keyword === "ENV" ? stage.env : stage.args;
        const vars = stage.vars();
        for (const property of instruction.getProperties()) {
          const value = property.getValue();
          if (value !== null) target[property.getName()] = expand(value, vars);
          else if (keyword === "ARG") target[property.getName()] ??= "";
        }
        break;
      }
      case "COPY":
      case "ADD":
        await replayCopy(stage, instruction, stages, ctx.ignore);
        break;
      case "RUN":
        await replayRun(stage, instruction, ctx);
        break;
      case "USER":
        stage.user = expand(content, stage.vars());
        stage.account(); // an unknown user fails here
        break;
      case "SHELL":
        stage.shell = JSON.parse(content);
        break;
      case "CMD":
        stage.cmd = jsonOrShell(instruction, content, stage.shell);
        break;
      case "ENTRYPOINT":
        stage.entrypoint = jsonOrShell(instruction, content, stage.shell);
        stage.cmd = null;
        break;
      case "HEALTHCHECK": {
        const flags = Object.fromEntries(instruction.getFlags().map((f) => [f.getName(), f.getValue()]));
        const rest = content.replace(/^(--\S+\s+)*/, "");
        if (/^none$/i.test(rest)) stage.healthcheck = null;
        else stage.healthcheck = { flags, argv: jsonOrShell({}, rest.replace(/^cmd\s+/i, ""), stage.shell) };
        break;
      }
      case "EXPOSE":
      case "LABEL":
      case "STOPSIGNAL":
      case "VOLUME":
      case "MAINTAINER":
      case "ONBUILD":
        break;
      default:
        throw new CheckFailure(`${at(instruction)} ${keyword} is not replayed`);
    }
  }
  const steps = stage.steps.map(({ keyword, count, text }) => text ?? (count > 1 ? `${count} ${keyword}` : keyword));
  ok(`stage ${stage.name} (FROM ${stage.image}) in ${secs(Date.now() - started)}: ${steps.join(", ")}`);
}

// ---------------------------------------------------------------------------------------------------------------------
// 4. The runtime stage's content and user

function checkRuntime(final, deps, toolbox) {
  const cwd = final.cwd;
  const lockFile = [final, deps].map((s) => path.join(s.cwd, "package-lock.json")).find((f) => existsSync(f));
  const lock = JSON.parse(readFileSync(lockFile ?? path.join(contextDir, "package-lock.json"), "utf8"));
  const missing = [];
  const devPresent = [];
  let prod = 0;
  let dev = 0;
  for (const [key, meta] of Object.entries(lock.packages ?? {})) {
    if (!key.startsWith("node_modules/") || meta.devOptional) continue;
    const present = existsSync(path.join(cwd, key));
    if (meta.dev) {
      dev++;
      if (present) devPresent.push(key.slice("node_modules/".length));
    } else if (!meta.optional) {
      prod++;
      if (!present) missing.push(key.slice("node_modules/".length));
    }
  }
  // The script node runs: its first argument that is not a flag (`node --max-semi-space-size=32 dist/src/main.js`).
  const entry = final.cmd?.[0] === "node" ? (final.cmd.slice(1).find((arg) => !arg.startsWith("-")) ?? null) : null;
  const files = [entry, "dist/scripts/migrate.js", "dist/sandbox/manifest.json"].filter(Boolean);
  const absent = files.filter((f) => !existsSync(path.join(cwd, f)));
  const problems = [
    ...(missing.length ? [`production packages missing: ${missing.slice(0, 10).join(", ")}`] : []),
    ...(devPresent.length ? [`dev-only packages present: ${devPresent.slice(0, 10).join(", ")}`] : []),
    ...(absent.length ? [`missing: ${absent.join(", ")}`] : []),
  ];
  if (problems.length) throw new CheckFailure(`runtime stage ${final.name}: wrong content`, problems.join("\n"));
  ok(`runtime: all ${prod} production packages, none of the ${dev} dev-only ones; ${files.join(", ")}`);

  const account = final.account();
  if (account.uid === 0) throw new CheckFailure(`runtime: USER is ${final.user}: the app would run as root`);
  const dataDir = path.join(cwd, DATA_DIR);
  const stat = existsSync(dataDir) ? statSync(dataDir) : null;
  if (!stat || stat.uid !== account.uid || stat.gid !== account.gid) {
    const owner = stat ? `${stat.uid}:${stat.gid}` : "missing";
    throw new CheckFailure(
      `runtime: ${final.workdir}/${DATA_DIR} should belong to ${final.user} (${account.uid}:${account.gid}): ${owner}`,
    );
  }
  const probe = "test -w .data && ! test -w . && ! test -w dist && ! test -w node_modules";
  const [command, ...args] = final.asUser(["/bin/sh", "-c", probe], toolbox);
  const result = spawnSync(command, args, { cwd });
  if (result.status !== 0) {
    throw new CheckFailure(
      `runtime: as ${final.user}, ${DATA_DIR} should be writable and ${final.workdir}, dist, node_modules not`,
    );
  }
  ok(
    `USER ${final.user} (uid ${account.uid} in the base image), not root: owns and may write ${DATA_DIR}; ` +
      `${final.workdir}, dist and node_modules are root's, read-only to it`,
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// 5. Run the image's CMD

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function durationMs(value, fallback) {
  if (!value) return fallback;
  const units = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, n, unit] of `${value}`.matchAll(/(\d+(?:\.\d+)?)(us|ms|s|m|h)/g)) total += Number(n) * units[unit];
  return total || fallback;
}

function waitExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve([child.exitCode, child.signalCode]);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve([code, signal]);
    });
  });
}

async function graphql(port) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ latestNews(first: 3) { nodes { slug } pageInfo { hasNextPage } } }" }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await response.json();
  const nodes = body?.data?.latestNews?.nodes;
  if (!response.ok || body.errors || !Array.isArray(nodes)) {
    throw new CheckFailure(`GraphQL: HTTP ${response.status}`, JSON.stringify(body).slice(0, 500));
  }
  return nodes.length;
}

/** Starts the final CMD, waits for its HEALTHCHECK, asks GraphQL, sends SIGTERM; returns what happened. */
async function runImage(final, toolbox, { env, label, log, healthyWithinMs = HEALTHY_WITHIN_MS }) {
  const argv = [...(final.entrypoint ?? []), ...(final.cmd ?? [])];
  if (argv.length === 0) throw new CheckFailure("runtime: no CMD");
  if (!final.healthcheck) throw new CheckFailure("runtime: no HEALTHCHECK");
  const processEnv = final.processEnv(toolbox, env);
  const fd = openSync(log, "a");
  const command = final.asUser(argv, toolbox);
  const server = spawn(command[0], command.slice(1), {
    cwd: final.cwd,
    env: processEnv,
    stdio: ["ignore", fd, fd],
    detached: true, // its own process group, for the cleanup; SIGTERM below goes to the process alone, as Docker's
  });
  closeSync(fd);
  children.add(server);
  const start = Date.now();
  const timeout = durationMs(final.healthcheck.flags.timeout, 30_000);
  let healthy = false;
  while (!healthy && Date.now() - start < healthyWithinMs) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new CheckFailure(
        `${label}: exited (${server.exitCode ?? server.signalCode}) before it was healthy`,
        tail(log),
      );
    }
    const probeArgv = final.asUser(final.healthcheck.argv, toolbox);
    const probe = spawn(probeArgv[0], probeArgv.slice(1), { cwd: final.cwd, env: processEnv, stdio: "ignore" });
    children.add(probe);
    const result = await waitExit(probe, timeout);
    if (!result) probe.kill("SIGKILL");
    children.delete(probe);
    healthy = result?.[0] === 0;
    if (!healthy) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!healthy) throw new CheckFailure(`${label}: HEALTHCHECK still failing after ${secs(healthyWithinMs)}`, tail(log));
  const healthyAfter = Date.now() - start;
  const articles = await graphql(env.PORT);
  const stopAt = Date.now();
  server.kill("SIGTERM");
  const exit = await waitExit(server, STOPPED_WITHIN_MS);
  children.delete(server);
  if (!exit) {
    server.kill("SIGKILL");
    throw new CheckFailure(`${label}: still running ${secs(STOPPED_WITHIN_MS)} after SIGTERM`, tail(log));
  }
  if (exit[0] !== 0) throw new CheckFailure(`${label}: SIGTERM -> exit ${exit[0] ?? exit[1]}, not 0`, tail(log));
  return { healthyAfter, articles, stoppedIn: Date.now() - stopAt };
}

async function scratchDatabases(count) {
  const admin = new pg.Client({ connectionString: opts["pg-url"] });
  try {
    await admin.connect();
  } catch (error) {
    throw new CheckFailure(
      `PostgreSQL at ${opts["pg-url"]}: ${error.message}`,
      "Start it (pg_ctlcluster --skip-systemctl-redirect <version> main start) or pass --pg-url.",
    );
  }
  cleanups.push(() => admin.end());
  const urls = [];
  for (let i = 0; i < count; i++) {
    const name = `byline_dockercheck_${process.pid}_${randomBytes(3).toString("hex")}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    cleanups.push(() => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    const url = new URL(opts["pg-url"]);
    url.pathname = `/${name}`;
    urls.push(url.toString());
  }
  return urls;
}

async function stopEmbeddedLeftover(dataDir) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0 && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dataDir)) process.kill(pid, "SIGKILL");
  } catch {
    // not running
  }
}

/** npm ci writes some 40,000 files: on a tmpfs (/dev/shm, when it has room) that takes half the time of a disk. */
async function defaultTmpdir() {
  try {
    const { bavail, bsize } = await fs.statfs("/dev/shm");
    if (bavail * bsize > 4 * 2 ** 30) return "/dev/shm";
  } catch {
    // no /dev/shm
  }
  return os.tmpdir();
}

// ---------------------------------------------------------------------------------------------------------------------

async function main() {
  if (process.getuid?.() !== 0) {
    throw new CheckFailure("needs root: it replays chown and runs the image's USER with setpriv");
  }
  const text = readFileSync(dockerfilePath, "utf8");
  const dockerfile = DockerfileParser.parse(text);
  lint(text, dockerfile);

  const finalEnv = {};
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === "FROM") for (const key of Object.keys(finalEnv)) delete finalEnv[key];
    if (instruction.getKeyword() === "ENV") {
      for (const p of instruction.getProperties()) finalEnv[p.getName()] = p.getValue();
    }
  }
  const compose = checkCompose({ env: finalEnv });

  const tmp = await fs.mkdtemp(path.join(opts.tmpdir ?? (await defaultTmpdir()), "byline-dockercheck-"));
  await fs.chmod(tmp, 0o755); // the image's USER must reach its files
  cleanups.push(() => (opts.keep ? note(`kept ${tmp}`) : fs.rm(tmp, { recursive: true, force: true })));
  const toolbox = await makeToolbox(path.join(tmp, "toolbox"));
  const fromImages = [...new Set(dockerfile.getFROMs().map((f) => f.getImage()))].join(", ");
  const npmVersion = spawnSync("npm", ["--version"], { encoding: "utf8" }).stdout.trim();
  note(
    `FROM ${fromImages} is not pulled: this host's Node ${process.version} and npm ${npmVersion} stand in, with the ` +
      `${toolbox.count} tools of ${toolbox.description}; replaying in ${tmp}`,
  );
  const { stages, final } = await replay(dockerfile, tmp, toolbox);
  const deps = stages.find((s) => s.name === "deps") ?? stages[0];
  checkRuntime(final, deps, toolbox);

  const urls = await scratchDatabases(2);
  const env = { ...compose.runEnv, DATABASE_URL: urls[0], HOST: "127.0.0.1", PORT: `${await freePort()}` };
  note(
    `run env: the image's ENV, ${compose.appName}'s from the compose file (${Object.keys(compose.runEnv).join(", ")}), ` +
      `DATABASE_URL to a scratch database, HOST=127.0.0.1, PORT=${env.PORT}`,
  );
  const cmd = [...(final.entrypoint ?? []), ...(final.cmd ?? [])].join(" ");
  const run = await runImage(final, toolbox, { env, label: `CMD ${cmd}`, log: path.join(tmp, "run.log") });
  ok(
    `CMD ${cmd} as ${final.user}: HEALTHCHECK passed after ${secs(run.healthyAfter)}, GraphQL answered ` +
      `(${run.articles} articles); SIGTERM -> exit 0 in ${secs(run.stoppedIn)}`,
  );

  const migrateStart = Date.now();
  const migrateLog = path.join(tmp, "migrate.log");
  await runLogged(final.asUser(["node", "dist/scripts/migrate.js"], toolbox), {
    cwd: final.cwd,
    env: final.processEnv(toolbox, { ...env, DATABASE_URL: urls[1], MIGRATIONS_RUN: "false" }),
    log: migrateLog,
    what: "one-shot node dist/scripts/migrate.js",
    timeoutMs: 120_000,
  });
  const client = new pg.Client({ connectionString: urls[1] });
  await client.connect();
  const applied = await client.query("SELECT count(*)::int AS n FROM migrations").finally(() => client.end());
  ok(
    `one-shot node dist/scripts/migrate.js on another scratch database: ${applied.rows[0].n} migrations applied in ${secs(Date.now() - migrateStart)}`,
  );

  const dataDir = path.join(final.cwd, DATA_DIR, "postgres");
  cleanups.push(() => stopEmbeddedLeftover(dataDir));
  const embeddedEnv = {
    PREVIEW_SECRET: randomBytes(24).toString("hex"),
    HOST: "127.0.0.1",
    PORT: `${await freePort()}`,
    EMBEDDED_PG_PORT: `${await freePort()}`,
  };
  const embedded = await runImage(final, toolbox, {
    env: embeddedEnv,
    label: "CMD without DATABASE_URL",
    log: path.join(tmp, "embedded.log"),
    healthyWithinMs: 2 * HEALTHY_WITHIN_MS,
  });
  const owner = existsSync(dataDir) ? statSync(dataDir).uid : "nobody: it is missing";
  if (owner !== final.account().uid) throw new CheckFailure(`embedded: ${DATA_DIR}/postgres belongs to uid ${owner}`);
  ok(
    `CMD without DATABASE_URL (embedded PostgreSQL in ${DATA_DIR}/postgres, as ${final.user}): healthy after ` +
      `${secs(embedded.healthyAfter)}, ${embedded.articles} demo articles; SIGTERM -> exit 0 in ${secs(embedded.stoppedIn)}`,
  );
}

try {
  await main();
  await cleanup();
  ok(`check:docker passed in ${secs(Date.now() - started)}`);
} catch (error) {
  if (error instanceof CheckFailure) {
    console.error(`✗ ${error.message}`);
    if (error.detail) console.error(error.detail.replace(/^/gm, "    "));
  } else {
    console.error("✗ check:docker crashed:", error);
  }
  await cleanup();
  console.error(`✗ check:docker failed after ${secs(Date.now() - started)}`);
  process.exitCode = 1;
}
