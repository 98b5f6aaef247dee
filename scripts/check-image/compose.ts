import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import YAML from "yaml";

import { CheckFailure, ok } from "./report";

const TOP_KEYS = new Set("name version services networks volumes configs secrets include models".split(" "));
/** The Compose Specification's service attributes. */
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

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, unknown> | string[];
  healthcheck?: Record<string, unknown> & { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { source?: string; target?: string })[];
  ports?: (string | number | { published?: string | number; target?: string | number })[];
}
interface Compose {
  services?: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** What the app service adds to the image's environment (DATABASE_URL aside: the check gives a scratch database). */
export interface ComposeApp {
  name: string;
  runEnv: Record<string, string>;
}

/**
 * Checks docker-compose.yml without a Compose engine: strict YAML, the specification's keys, healthchecks and
 * dependencies, and the wiring of Byline to its database (DATABASE_URL to the db service, a healthy db first, a named
 * data volume, PREVIEW_SECRET, the published port to the image's PORT).
 */
export function checkCompose(composePath: string, contextDir: string, imagePort: string): ComposeApp {
  const name = path.relative(process.cwd(), composePath) || composePath;
  const doc = YAML.parseDocument(readFileSync(composePath, "utf8"), { uniqueKeys: true, prettyErrors: true });
  const yamlProblems = [...doc.errors, ...doc.warnings].map((e) => e.message);
  if (yamlProblems.length > 0) throw new CheckFailure(`${name}: not valid YAML`, yamlProblems.join("\n"));
  const compose = interpolate(doc.toJS(), "", name) as Compose | null;
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${name}: ${message}`);
  for (const key of Object.keys(compose ?? {})) {
    if (!TOP_KEYS.has(key) && !key.startsWith("x-")) fail(`unknown top-level key "${key}"`);
  }
  const services = compose?.services ?? {};
  const volumes = compose?.volumes ?? {};
  for (const [serviceName, service] of Object.entries(services)) checkService(serviceName, service, compose, fail);

  const dbEntry = Object.entries(services).find(([, s]) =>
    /^(docker\.io\/)?(library\/)?postgres:/.test(s?.image ?? ""),
  );
  const appEntry = Object.entries(services).find(([, s]) => s?.build !== undefined);
  if (!dbEntry) fail("no service runs the official postgres image");
  if (!appEntry) fail("no service is built from the Dockerfile");
  if (!dbEntry || !appEntry) throw new CheckFailure(`${name}: ${problems.length} problem(s)`, problems.join("\n"));
  const [dbName, db] = dbEntry;
  const [appName, app] = appEntry;

  const major = Number(/:(\d+)/.exec(db.image ?? "")?.[1]);
  if (major !== 16 && major !== 17) fail(`services.${dbName}.image: ${db.image}: use PostgreSQL 16 or 17`);
  if (![db.healthcheck?.test ?? []].flat().join(" ").includes("pg_isready")) {
    fail(`services.${dbName}.healthcheck: test with pg_isready`);
  }
  const dataMount = (db.volumes ?? []).find(
    (m) => (typeof m === "string" ? m.split(":")[1] : m.target) === "/var/lib/postgresql/data",
  );
  const dataVolume = typeof dataMount === "string" ? dataMount.split(":")[0] : dataMount?.source;
  if (!dataVolume || !(dataVolume in volumes)) fail(`services.${dbName}: a named volume at /var/lib/postgresql/data`);

  const build = typeof app.build === "string" ? { context: app.build } : (app.build ?? {});
  const buildContext = path.resolve(path.dirname(composePath), build.context ?? ".");
  if (buildContext !== contextDir) fail(`services.${appName}.build: context ${build.context} is not the repository`);
  if (!existsSync(path.resolve(buildContext, build.dockerfile ?? "Dockerfile"))) {
    fail(`services.${appName}.build: no ${build.dockerfile ?? "Dockerfile"}`);
  }
  const dependsOn = app.depends_on;
  if (Array.isArray(dependsOn) || dependsOn?.[dbName]?.condition !== "service_healthy") {
    fail(`services.${appName}.depends_on: ${dbName} with condition: service_healthy`);
  }
  const appEnv = envOf(app);
  checkDatabaseUrl(appEnv.DATABASE_URL, dbName, envOf(db), (m) => fail(`services.${appName}.environment.${m}`));
  if ((appEnv.PREVIEW_SECRET ?? "").length < 32) fail(`services.${appName}.environment.PREVIEW_SECRET: 32+ characters`);
  const ports = (app.ports ?? []).map(parsePort);
  if (!ports.some((p) => p.container === imagePort && p.host === "4000")) {
    fail(`services.${appName}.ports: publish 4000 to the image's PORT ${imagePort}`);
  }
  if (problems.length > 0) throw new CheckFailure(`${name}: ${problems.length} problem(s)`, problems.join("\n"));
  ok(
    `${name}: ${dbName} ${db.image} (pg_isready healthcheck, volume ${dataVolume}); ${appName} built from ` +
      `${path.relative(path.dirname(composePath), buildContext) || "."}, started when ${dbName} is healthy, ` +
      `DATABASE_URL to ${dbName}, port ${ports[0].host}`,
  );
  const { DATABASE_URL: _url, ...runEnv } = appEnv;
  return { name: appName, runEnv };
}

function checkService(serviceName: string, service: Service, compose: Compose | null, fail: (m: string) => void) {
  const services = compose?.services ?? {};
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
    const other = services[target];
    if (!other) fail(`${where}: no such service`);
    if (!CONDITIONS.has(condition)) fail(`${where}: unknown condition "${condition}"`);
    const checked = other?.healthcheck ? !other.healthcheck.disable : other?.build !== undefined;
    if (condition === "service_healthy" && !checked) fail(`${where}: service_healthy, but it has no healthcheck`);
  }
  for (const mount of service?.volumes ?? []) {
    const source = typeof mount === "string" ? mount.split(":")[0] : mount.source;
    if (source && !/^[./~]/.test(source) && !(source in (compose?.volumes ?? {}))) {
      fail(`services.${serviceName}.volumes: "${source}" is not declared under the top-level volumes`);
    }
  }
}

/** DATABASE_URL must name the db service's host, port, user, password and database. */
function checkDatabaseUrl(
  value: string | undefined,
  dbName: string,
  dbEnv: Record<string, string>,
  fail: (m: string) => void,
) {
  let url: URL;
  try {
    url = new URL(value ?? "");
  } catch {
    return fail("DATABASE_URL: not a URL");
  }
  const user = dbEnv.POSTGRES_USER ?? "postgres";
  const expected = { hostname: dbName, port: "5432", username: user, password: dbEnv.POSTGRES_PASSWORD ?? "" };
  for (const [key, want] of Object.entries(expected)) {
    const got = key === "port" ? url.port || "5432" : decodeURIComponent(url[key as keyof typeof expected]);
    if (got !== want) fail(`DATABASE_URL: ${key} should be "${want}" (the ${dbName} service)`);
  }
  const database = dbEnv.POSTGRES_DB ?? user;
  if (url.pathname.slice(1) !== database) fail(`DATABASE_URL: database should be ${database}`);
}

/** Compose's interpolation, as a checkout without an .env file sees it: only the defaults in the file count. */
function interpolate(value: unknown, where: string, file: string): unknown {
  if (typeof value === "string") {
    return value.replace(
      /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
      (match, braced?: string, op?: string, arg?: string, bare?: string) => {
        if (match === "$$") return "$";
        if (op === ":-" || op === "-") return arg ?? "";
        if (op === ":+" || op === "+") return "";
        throw new CheckFailure(`${file}: ${where} needs ${braced ?? bare} set (give it a default)`);
      },
    );
  }
  if (Array.isArray(value)) return value.map((item, i) => interpolate(item, `${where}[${i}]`, file));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, `${where}.${k}`, file)]));
  }
  return value;
}

function envOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((item) => [item.split("=")[0], item.split("=").slice(1).join("=")]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v == null ? "" : `${v as string}`]));
}

function parsePort(spec: NonNullable<Service["ports"]>[number]): { host: string; container: string } {
  if (typeof spec === "object") return { host: `${spec.published ?? ""}`, container: `${spec.target}` };
  const parts = `${spec}`.replace(/\/(tcp|udp)$/, "").split(":");
  return { container: parts.at(-1) ?? "", host: parts.length > 1 ? (parts.at(-2) ?? "") : "" };
}
