import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";

import { Client } from "pg";
import type { DataSource } from "typeorm";

import { createDataSource } from "../../src/database/data-source";
import { ApiKeyService } from "../../src/modules/auth/api-key.service";
import { Role } from "../../src/modules/auth/viewer";
import type { Author } from "../../src/modules/authors/author.entity";
import { createArticle, createAuthor } from "../helpers/factories";
import { freePort, waitFor } from "../helpers/processes";

// Byline's real entry point (src/main.ts) on an embedded PostgreSQL of this file's own, never the shared server: the
// PostgreSQL's processes are frozen with SIGSTOP, which is what a network partition or a stalled disk looks like to
// Byline: connections stay open and nothing answers. (The embedded PostgreSQL is an ES module that Jest's sandbox
// cannot import, so Byline's own process starts it, as `npm start` does.)

// The client's bound is far above the server's (statement bound + margin), so that which one fired stays clear on a
// loaded machine.
const TIMEOUTS = { connectMs: 1_000, statementMs: 1_000, queryMs: 4_000, readinessMs: 500 };
const BOUNDS_ENV = {
  DB_CONNECT_TIMEOUT_MS: String(TIMEOUTS.connectMs),
  DB_STATEMENT_TIMEOUT_MS: String(TIMEOUTS.statementMs),
  DB_QUERY_TIMEOUT_MS: String(TIMEOUTS.queryMs),
  DB_READINESS_TIMEOUT_MS: String(TIMEOUTS.readinessMs),
};
/** What an answer may take beyond the bound it hits (scheduling on a busy machine, the ROLLBACK, the response). */
const MARGIN_MS = 2_000;

const ARTICLE_PAGE = `query ($slug: String!) { article(slug: $slug) { title author { name } tags { slug } } }`;
const CREATE = `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id slug } }`;

/** pg_stat_activity's rows of a backend whose statement is (or last was) an article INSERT, the observer's excepted. */
const ON_THE_INSERT = `query LIKE 'INSERT INTO "articles"%' AND pid <> pg_backend_pid()`;

/** The postmaster of a data dir and its children (backends, background workers), postmaster first. */
function postgresProcesses(dataDir: string): number[] {
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  let children = "";
  try {
    children = execFileSync("pgrep", ["-P", String(postmaster)], { encoding: "utf8" });
  } catch {
    // pgrep exits 1 when there is no child
  }
  return [postmaster, ...children.split("\n").filter(Boolean).map(Number)];
}

/** A process's state letter from /proc (T: stopped). */
const processState = (pid: number): string => /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, "utf8"))?.[1] ?? "?";

interface Answer {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  ms: number;
  /** SQL statements the request sent (X-SQL-Statements), whether they were answered or not. */
  statements: number;
}

describe("a frozen database", () => {
  const dataDir = path.resolve(`.data/postgres-frozen-${randomBytes(4).toString("hex")}`);
  let byline: ChildProcess | undefined;
  let output = "";
  let baseUrl: string;
  /** The test's own DataSource on Byline's database, for fixtures (used only while the database answers). */
  let fixtures: DataSource;
  /**
   * Connections of the test's own, outside Byline's pool: one holds locks, the other looks at pg_stat_activity (from
   * outside any transaction: within one, PostgreSQL answers it from the snapshot it took first).
   */
  let blocker: Client;
  let observer: Client;
  let editorKey: string;
  let author: Author;
  let frozen: number[] = [];

  const freeze = async () => {
    // The postmaster first, so that it forks nothing new while its children are being stopped.
    const [postmaster] = postgresProcesses(dataDir);
    process.kill(postmaster!, "SIGSTOP");
    frozen = postgresProcesses(dataDir);
    for (const pid of frozen.slice(1)) process.kill(pid, "SIGSTOP");
    await waitFor("every PostgreSQL process to stop", () => frozen.every((pid) => processState(pid) === "T"));
  };
  const thaw = () => {
    for (const pid of frozen.splice(0)) process.kill(pid, "SIGCONT");
  };

  const timed = async (url: string, init?: RequestInit): Promise<Answer> => {
    const started = performance.now();
    const response = await fetch(url, init);
    const body = (await response.json()) as Answer["body"];
    const statements = Number(response.headers.get("x-sql-statements"));
    return { status: response.status, body, ms: performance.now() - started, statements };
  };
  const gql = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    timed(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
  const readyz = () => timed(`${baseUrl}/readyz`);
  const editor = () => ({ authorization: `Bearer ${editorKey}` });
  const createDraft = (slug: string) =>
    gql(CREATE, { input: { title: `Story ${slug}`, slug, authorId: author.id, body: "Text." } }, editor());
  const storedWithSlug = async (slug: string) =>
    Number((await observer.query("SELECT count(*) AS n FROM articles WHERE slug = $1", [slug])).rows[0].n);

  /** The answer must be a coded 503 that arrived within `boundMs` plus the margin. */
  const expectUnavailableWithin = (answer: Answer, boundMs: number) => {
    expect({ status: answer.status, codes: answer.body.errors?.map((e) => e.extensions?.code) }).toEqual({
      status: 503,
      codes: expect.arrayContaining(["SERVICE_UNAVAILABLE"]),
    });
    expect(answer.body.errors!.every((e) => e.extensions?.code === "SERVICE_UNAVAILABLE")).toBe(true);
    expect(JSON.stringify(answer.body)).not.toMatch(/timeout|terminated|stack|at .*\.js/i);
    expect(answer.ms).toBeLessThan(boundMs + MARGIN_MS);
  };

  beforeAll(async () => {
    const [pgPort, port] = [await freePort(), await freePort()];
    baseUrl = `http://127.0.0.1:${port}`;
    byline = spawn(process.execPath, ["-r", "@swc-node/register", "src/main.ts"], {
      cwd: path.resolve(__dirname, "../.."),
      env: {
        ...process.env,
        ...BOUNDS_ENV,
        NODE_ENV: "test",
        LOG_LEVEL: "warn",
        DATABASE_URL: "",
        EMBEDDED_PG_DIR: dataDir,
        EMBEDDED_PG_PORT: String(pgPort),
        SEED_DEMO: "false",
        DB_POOL_MAX: "3",
        EXPOSE_SQL_STATEMENTS: "true",
        PORT: String(port),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    byline.stdout!.on("data", (chunk) => (output += chunk));
    byline.stderr!.on("data", (chunk) => (output += chunk));
    await waitFor(
      "Byline to become ready",
      async () => {
        if (byline!.exitCode !== null) throw new Error(`Byline exited with ${byline!.exitCode}:\n${output}`);
        return fetch(`${baseUrl}/readyz`).then(
          (response) => response.ok,
          () => false, // not listening yet
        );
      },
      90_000,
    );
    // The embedded PostgreSQL's user, password and database (src/database/embedded-postgres.ts).
    const url = `postgres://postgres:postgres@127.0.0.1:${pgPort}/byline`;
    fixtures = createDataSource({ url, poolMax: 1 });
    await fixtures.initialize();
    [blocker, observer] = [new Client({ connectionString: url }), new Client({ connectionString: url })];
    await Promise.all([blocker.connect(), observer.connect()]);
    author = await createAuthor(fixtures);
    await createArticle(fixtures, { slug: "still-standing", author });
    editorKey = (await new ApiKeyService(fixtures).create("frozen-test", Role.EDITOR)).key;
  }, 120_000);

  afterAll(async () => {
    thaw(); // whatever failed, never leave a frozen PostgreSQL behind
    await Promise.all([blocker?.end(), observer?.end()]);
    if (fixtures?.isInitialized) await fixtures.destroy();
    if (byline && byline.exitCode === null && byline.signalCode === null) {
      byline.kill("SIGTERM"); // a graceful stop: Byline stops its embedded PostgreSQL last
      await once(byline, "exit");
    }
    await waitFor("the embedded PostgreSQL to stop", () => !existsSync(path.join(dataDir, "postmaster.pid")));
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("answers while it answers", async () => {
    expect((await readyz()).status).toBe(200);
    const page = await gql(ARTICLE_PAGE, { slug: "still-standing" });
    expect(page.body).toEqual({
      data: { article: { title: expect.any(String), author: expect.any(Object), tags: [] } },
    });
  });

  it("lets the server cancel a statement past DB_STATEMENT_TIMEOUT_MS: 503, and the connection lives on", async () => {
    await blocker.query("BEGIN");
    try {
      await blocker.query("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE");
      const [read, write] = await Promise.all([
        gql(ARTICLE_PAGE, { slug: "still-standing" }),
        createDraft("blocked-by-a-lock"),
      ]);
      for (const answer of [read, write]) {
        expectUnavailableWithin(answer, TIMEOUTS.statementMs);
        // The server's bound, not the client's: it came after the statement bound and before the client would give up.
        expect(answer.ms).toBeGreaterThanOrEqual(TIMEOUTS.statementMs);
        expect(answer.ms).toBeLessThan(TIMEOUTS.queryMs);
      }
      // One attempt: the read's one statement, not tried again by another path after it failed.
      expect(read.statements).toBe(1);
    } finally {
      await blocker.query("ROLLBACK");
    }
    expect(await storedWithSlug("blocked-by-a-lock")).toBe(0);
    expect((await gql(ARTICLE_PAGE, { slug: "still-standing" })).body.data.article).not.toBeNull();
  });

  it("answers reads, writes and /readyz with a prompt 503 while frozen, writes nothing, and recovers on thaw", async () => {
    // Warm the pool: each of its connections is open when the database freezes.
    await Promise.all([1, 2, 3].map(() => gql(ARTICLE_PAGE, { slug: "still-standing" })));

    // A mutation in flight when the database freezes: its INSERT waits on a lock inside its transaction.
    await blocker.query("BEGIN");
    await blocker.query("SELECT id FROM authors WHERE id = $1 FOR UPDATE", [author.id]);
    const inFlight = createDraft("frozen-mid-write");
    const insertWaiting = async () =>
      (await observer.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND ${ON_THE_INSERT}`))
        .rowCount === 1;
    await waitFor("the mutation's INSERT to wait on the lock", insertWaiting);
    await freeze();
    try {
      // Its client gives up after DB_QUERY_TIMEOUT_MS and closes the connection, so the ROLLBACK does not wait too.
      expectUnavailableWithin(await inFlight, TIMEOUTS.queryMs);

      // A read on a connection of the pool (the client's bound), then more reads than the pool has connections
      // (opening connections and waiting for one: the connect bound).
      const read = await gql(ARTICLE_PAGE, { slug: "still-standing" });
      expectUnavailableWithin(read, TIMEOUTS.queryMs);
      expect(read.statements).toBe(1);
      const crowd = await Promise.all([1, 2, 3, 4].map(() => gql(ARTICLE_PAGE, { slug: "still-standing" })));
      for (const answer of crowd) expectUnavailableWithin(answer, Math.max(TIMEOUTS.queryMs, TIMEOUTS.connectMs));

      // A mutation whose API key cannot even be looked up: answered by the HTTP endpoint itself.
      expectUnavailableWithin(await createDraft("frozen-before-write"), TIMEOUTS.connectMs);

      const probe = await readyz();
      expect(probe.status).toBe(503);
      expect(probe.body).toEqual({ status: "unavailable", reason: "database unreachable" });
      // Its own bound, plus a second for a busy machine's scheduling: well before a prober's own timeout.
      expect(probe.ms).toBeLessThan(TIMEOUTS.readinessMs + 1_000);
    } finally {
      thaw();
    }

    await blocker.query("ROLLBACK");
    // The frozen mutation's connection was closed before any COMMIT: once its backend is gone, nothing of it is stored.
    await waitFor(
      "the frozen mutation's backend to end",
      async () => (await observer.query(`SELECT 1 FROM pg_stat_activity WHERE ${ON_THE_INSERT}`)).rowCount === 0,
    );
    expect(await storedWithSlug("frozen-mid-write")).toBe(0);
    expect(await storedWithSlug("frozen-before-write")).toBe(0);

    // The same server, no restart: every connection the pool hands out works.
    expect((await readyz()).status).toBe(200);
    const reads = await Promise.all([1, 2, 3, 4, 5, 6].map(() => gql(ARTICLE_PAGE, { slug: "still-standing" })));
    for (const read of reads) expect(read.body).toEqual({ data: { article: expect.objectContaining({ tags: [] }) } });
    const write = await createDraft("frozen-mid-write");
    expect(write.status).toBe(200);
    expect(write.body.data.createArticle.slug).toBe("frozen-mid-write");
    expect(await storedWithSlug("frozen-mid-write")).toBe(1);
  }, 60_000);
});
