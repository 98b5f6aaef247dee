import type { AddressInfo } from "node:net";

import type { DataSource } from "typeorm";

import { loadConfig } from "../../src/config";
import { openDatabase } from "../../src/database/database";
import { createDatabaseIfMissing } from "../../src/database/embedded-postgres";
import type { ReplicaStatus } from "../../src/database/read-replicas";
import { ApiKeyService } from "../../src/modules/auth/api-key.service";
import { Role } from "../../src/modules/auth/viewer";
import { createServer } from "../../src/server";
import { createArticle, createAuthor } from "../helpers/factories";
import { standbyUnavailableReason, startStreamingPair, type StreamingPair } from "../helpers/standby";
import { bearer, dataOf, type GraphQLResponse, postGraphQL } from "../helpers/test-app";

const ARTICLE = `query ($id: ID!) { article(id: $id) { id title author { name } } }`;
const CREATE = `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id version } }`;
const AUTHOR = `query ($slug: String!) { author(slug: $slug) { name } }`;
const UPDATE_AUTHOR = `mutation ($input: UpdateAuthorInput!) { updateAuthor(input: $input) { name } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishArticle(id: $id, version: $version) { status } }`;

interface Byline {
  baseUrl: string;
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse>;
  readyz(): Promise<{ status: number; body: { status: string; replicas?: ReplicaStatus[] } }>;
  close(): Promise<void>;
}

/** Polls `read` until `done` holds of its value (bounded), and returns that value. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const unavailable = standbyUnavailableReason();
if (unavailable) console.warn(`replica tests skipped: ${unavailable}`);

(unavailable ? describe.skip : describe)("read replicas (a real streaming standby)", () => {
  let pair: StreamingPair;
  let dataSource: DataSource;
  let closeDatabase: () => Promise<void>;
  /** Readers tolerate a long lag: while replay is paused they keep reading the replica. */
  let lenient: Byline;
  /** Readers tolerate 300 ms: a paused replica is soon left out. */
  let strict: Byline;
  /** With the response cache, in memory. */
  let cached: Byline;
  let editor: Record<string, string>;
  let admin: Record<string, string>;
  let authorId: string;

  const startByline = async (env: Record<string, string>): Promise<Byline> => {
    const config = loadConfig({
      NODE_ENV: "test",
      EXPOSE_SQL_STATEMENTS: "true",
      DATABASE_URL: pair.primaryUrl("byline"),
      DATABASE_REPLICA_URLS: pair.replicaUrl("byline"),
      REPLICA_CHECK_INTERVAL_MS: "50",
      ...env,
    });
    const server = await createServer({ dataSource, config });
    await new Promise<void>((resolve) => server.httpServer.listen(0, "127.0.0.1", resolve));
    const baseUrl = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
    return {
      baseUrl,
      gql: (query, variables, headers) => postGraphQL(baseUrl, query, variables, headers),
      async readyz() {
        const response = await fetch(`${baseUrl}/readyz`);
        return { status: response.status, body: (await response.json()) as never };
      },
      close: () => server.stop(),
    };
  };
  const replicaOf = async (app: Byline) => (await app.readyz()).body.replicas![0]!;
  const articleAsReader = async (app: Byline, id: string) => dataOf(await app.gql(ARTICLE, { id })).article;

  beforeAll(async () => {
    pair = await startStreamingPair();
    await createDatabaseIfMissing(pair.primaryUrl(), "byline");
    // Migrations run on the primary only; the standby gets them by replaying its WAL.
    ({ dataSource, close: closeDatabase } = await openDatabase(
      { databaseUrl: pair.primaryUrl("byline") },
      { poolMax: 5, migrate: true },
    ));
    await pair.waitForReplay();
    lenient = await startByline({ REPLICA_MAX_LAG_MS: "600000" });
    strict = await startByline({ REPLICA_MAX_LAG_MS: "300" });
    cached = await startByline({ REPLICA_MAX_LAG_MS: "600000", RESPONSE_CACHE: "true" });
    editor = bearer((await new ApiKeyService(dataSource).create("newsroom", Role.EDITOR)).key);
    admin = bearer((await new ApiKeyService(dataSource).create("desk", Role.ADMIN)).key);
    authorId = (await createAuthor(dataSource, { name: "Lena Park" })).id;
    await pair.waitForReplay();
  }, 60_000);

  afterAll(async () => {
    await lenient?.close();
    await strict?.close();
    await cached?.close();
    await closeDatabase?.();
    await pair?.close();
  }, 60_000);

  it("is tested against a hot standby that replays the primary's migrations and refuses writes", async () => {
    const [{ recovery }] = await pair.onReplica<{ recovery: boolean }>("SELECT pg_is_in_recovery() AS recovery");
    expect(recovery).toBe(true);
    const applied = await dataSource.query(`SELECT name FROM migrations ORDER BY id`);
    expect(applied.length).toBeGreaterThan(0);
    await expect(pair.onReplica(`SELECT name FROM migrations ORDER BY id`, "byline")).resolves.toEqual(applied);
    await expect(pair.onReplica(`CREATE TABLE nope (id int)`, "byline")).rejects.toMatchObject({ code: "25006" });
    expect((await lenient.readyz()).body).toEqual({
      status: "ready",
      replicas: [
        {
          name: expect.stringMatching(/^127\.0\.0\.1:\d+\/byline$/),
          up: true,
          inRecovery: true,
          lagMs: 0,
          lagBytes: 0,
          inUse: true,
          reason: null,
        },
      ],
    });
  });

  it("sends readers to the replica and editors to the primary, who read their own writes", async () => {
    await pair.pauseReplay();
    try {
      // Written past the API (no write waits for the replica): only the primary has it.
      const article = await createArticle(dataSource, { authorId, title: "Written while the standby waits" });
      expect(dataOf(await lenient.gql(ARTICLE, { id: article.id }, editor)).article).toMatchObject({ id: article.id });
      // A reader reads the paused replica, which has not seen it; statements there are counted like the primary's.
      const reader = await lenient.gql(ARTICLE, { id: article.id });
      expect(dataOf(reader).article).toBeNull();
      expect(reader.statements).toBeGreaterThan(0);
      const readers = await pair.onReplica<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'byline-reader' AND datname = 'byline'`,
      );
      expect(readers[0]!.n).toBeGreaterThan(0);

      await pair.resumeReplay();
      const visible = await eventually(
        () => articleAsReader(lenient, article.id),
        (found) => found !== null,
      );
      expect(visible).toMatchObject({ id: article.id, title: "Written while the standby waits" });
    } finally {
      await pair.resumeReplay();
    }
  });

  it("answers a write only once the replicas in use have replayed it: the next reader, on the replica, reads it", async () => {
    const draft = dataOf(
      await lenient.gql(CREATE, { input: { authorId, title: "Replayed before the answer" } }, editor),
    ).createArticle;
    dataOf(await lenient.gql(PUBLISH, { id: draft.id, version: draft.version }, editor));
    expect((await replicaOf(lenient)).inUse).toBe(true);
    expect(await articleAsReader(lenient, draft.id)).toMatchObject({ title: "Replayed before the answer" });
  });

  it("leaves out a replica lagging past the bound, readers then read the primary, and takes it back once caught up", async () => {
    await pair.pauseReplay();
    try {
      const article = await createArticle(dataSource, { authorId, title: "Published while replay is paused" });
      const leftOut = await eventually(
        () => replicaOf(strict),
        (replica) => !replica.inUse,
      );
      expect(leftOut).toMatchObject({
        up: true,
        inRecovery: true,
        inUse: false,
        reason: expect.stringMatching(/^lagging/),
      });
      expect(leftOut.lagMs).toBeGreaterThan(300);
      expect(leftOut.lagBytes).toBeGreaterThan(0);
      // The strict instance's readers read the primary and see the article; the lenient one's still read the replica.
      expect(await articleAsReader(strict, article.id)).toMatchObject({ title: "Published while replay is paused" });
      expect(await articleAsReader(lenient, article.id)).toBeNull();
      expect((await lenient.readyz()).body.replicas![0]).toMatchObject({ inUse: true });

      await pair.resumeReplay();
      const back = await eventually(
        () => replicaOf(strict),
        (replica) => replica.inUse,
      );
      expect(back).toMatchObject({ up: true, lagMs: 0, reason: null });
    } finally {
      await pair.resumeReplay();
    }
  });

  it("leaves out a stopped replica, says so in /readyz and the metrics, keeps answering, and takes it back", async () => {
    await pair.stopReplica();
    try {
      const down = await eventually(
        () => lenient.readyz(),
        ({ body }) => body.replicas![0]!.up === false,
      );
      expect(down.status).toBe(200);
      expect(down.body).toMatchObject({ status: "ready" });
      expect(down.body.replicas![0]).toMatchObject({
        up: false,
        inUse: false,
        lagMs: null,
        reason: expect.stringMatching(/^unreachable/),
      });
      const metrics = await (await fetch(`${lenient.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(/^byline_db_replica_up\{replica="127\.0\.0\.1:\d+\/byline"\} 0$/m);
      expect(metrics).toMatch(/^byline_db_replica_in_use\{replica="127\.0\.0\.1:\d+\/byline"\} 0$/m);

      // Readers read the primary meanwhile: what was written after the stop is there.
      const article = await createArticle(dataSource, { authorId, title: "Published while the standby is down" });
      expect(await articleAsReader(lenient, article.id)).toMatchObject({
        title: "Published while the standby is down",
      });
    } finally {
      await pair.startReplica();
    }
    const back = await eventually(
      () => replicaOf(lenient),
      (replica) => replica.inUse,
    );
    expect(back).toMatchObject({ up: true, inRecovery: true, reason: null });
    const metrics = await (await fetch(`${lenient.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^byline_db_replica_in_use\{replica="127\.0\.0\.1:\d+\/byline"\} 1$/m);
  });

  it("purges the response cache after the replicas have replayed a write, so no reader caches what it replaced", async () => {
    const author = await createAuthor(dataSource, { name: "First name" });
    const nameOf = async () => dataOf(await cached.gql(AUTHOR, { slug: author.slug })).author.name;
    await pair.waitForReplay();
    expect(await nameOf()).toBe("First name");
    expect((await cached.gql(AUTHOR, { slug: author.slug })).statements).toBe(0);
    const input = { id: author.id, version: author.version, name: "Second name" };
    expect(dataOf(await cached.gql(UPDATE_AUTHOR, { input }, admin)).updateAuthor).toEqual({ name: "Second name" });
    // Read from the replica (it replayed the write before the mutation answered), and cached as it now is.
    const first = await cached.gql(AUTHOR, { slug: author.slug });
    expect(dataOf(first).author.name).toBe("Second name");
    expect(first.statements).toBeGreaterThan(0);
    expect(await nameOf()).toBe("Second name");
  });
});
