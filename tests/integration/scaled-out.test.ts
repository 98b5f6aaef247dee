import { type Client, createClient } from "graphql-ws";
import type { DataSource } from "typeorm";
import WebSocket from "ws";

import { openDatabase } from "../../src/database/database";
import { createDatabaseIfMissing } from "../../src/database/embedded-postgres";
import { ApiKeyService } from "../../src/modules/auth/api-key.service";
import { Role } from "../../src/modules/auth/viewer";
import { createAuthor } from "../helpers/factories";
import { type BylineProcess, type OwnRedis, ownRedis, startBylineProcess, waitFor } from "../helpers/processes";
import { standbyUnavailableReason, startStreamingPair, type StreamingPair } from "../helpers/standby";
import { bearer, dataOf, postGraphQL } from "../helpers/test-app";

const FEED = `{ latestNews(first: 3) { nodes { id title } } }`;
const CREATE = `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id version } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishArticle(id: $id, version: $version) { id } }`;
const PUBLISH_VERSION = `mutation ($id: ID!, $version: Int!) { publishArticle(id: $id, version: $version) { version } }`;
const PUBLISHED = `subscription { articlePublished { id title } }`;

/** The number a Prometheus gauge line of /metrics holds, or 0. */
async function gauge(byline: BylineProcess, line: RegExp): Promise<number> {
  const text = await (await fetch(`${byline.url}/metrics`)).text();
  return Number(line.exec(text)?.[1] ?? 0);
}

const unavailable = standbyUnavailableReason();
if (unavailable) console.warn(`scaled-out tests skipped: ${unavailable}`);

// The deployment the README describes: two Byline processes over one PostgreSQL primary, a streaming standby that
// readers read, and one Redis for the shared response cache.
(unavailable ? describe.skip : describe)("two Byline processes, a primary, a streaming standby and Redis", () => {
  let pair: StreamingPair;
  let redis: OwnRedis;
  let dataSource: DataSource;
  let closeDatabase: () => Promise<void>;
  let a: BylineProcess;
  let b: BylineProcess;
  let editor: Record<string, string>;
  let authorId: string;
  let subscriber: Client | null = null;

  beforeAll(async () => {
    pair = await startStreamingPair();
    redis = await ownRedis();
    await createDatabaseIfMissing(pair.primaryUrl(), "byline");
    ({ dataSource, close: closeDatabase } = await openDatabase(
      { databaseUrl: pair.primaryUrl("byline") },
      { poolMax: 2, migrate: true },
    ));
    editor = bearer((await new ApiKeyService(dataSource).create("desk", Role.EDITOR)).key);
    authorId = (await createAuthor(dataSource, { name: "Rui Alves" })).id;
    await pair.waitForReplay();
    const env = {
      DATABASE_URL: pair.primaryUrl("byline"),
      DATABASE_REPLICA_URLS: pair.replicaUrl("byline"),
      REDIS_URL: redis.url,
      RESPONSE_CACHE: "on",
      EXPOSE_SQL_STATEMENTS: "true",
      MIGRATIONS_RUN: "false",
    };
    [a, b] = await Promise.all([startBylineProcess(env), startBylineProcess(env)]);
  }, 90_000);

  afterAll(async () => {
    await subscriber?.dispose();
    await a?.kill();
    await b?.kill();
    await closeDatabase?.();
    await redis?.stop();
    await pair?.close();
  }, 60_000);

  it("publishes through one; the other delivers the event, drops its cached feed and shows the article", async () => {
    // B answers the feed from its replica, then from the shared cache.
    const before = dataOf(await postGraphQL(b.url, FEED)).latestNews.nodes;
    expect((await postGraphQL(b.url, FEED)).statements).toBe(0);
    await waitFor(
      "B to read its replica",
      async () => (await gauge(b, /^byline_db_replica_in_use\{[^}]*\} (\d)$/m)) === 1,
    );

    const events: Array<{ id: string; title: string }> = [];
    subscriber = createClient({ url: `${b.url.replace(/^http/, "ws")}/graphql`, webSocketImpl: WebSocket });
    subscriber.subscribe<{ articlePublished: { id: string; title: string } }>(
      { query: PUBLISHED },
      {
        next: ({ data }) => data && events.push(data.articlePublished),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await waitFor(
      "B to hold the subscription",
      async () => (await gauge(b, /^byline_live_connections\{kind="subscriptions"\} (\d+)$/m)) === 1,
    );

    const draft = dataOf(
      await postGraphQL(a.url, CREATE, { input: { authorId, title: "Two instances, one story" } }, editor),
    ).createArticle;
    dataOf(await postGraphQL(a.url, PUBLISH, { id: draft.id, version: draft.version }, editor));

    // Once the mutation has answered: B's cached feed is gone and its replica has the article.
    const after = await postGraphQL(b.url, FEED);
    expect(after.statements).toBeGreaterThan(0);
    expect(dataOf(after).latestNews.nodes[0]).toEqual({ id: draft.id, title: "Two instances, one story" });
    expect(dataOf(after).latestNews.nodes.slice(1)).toEqual(before.slice(0, 2));
    await waitFor("the event on B", () => events.length > 0);
    expect(events).toEqual([{ id: draft.id, title: "Two instances, one story" }]);
  }, 30_000);

  it("serves 0 stale reads on either process in a burst of concurrent reads and writes", async () => {
    const TITLE = `query ($id: ID!) { article(id: $id) { title } }`;
    const UPDATE = `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { version } }`;
    const draft = dataOf(await postGraphQL(a.url, CREATE, { input: { authorId, title: "v0" } }, editor)).createArticle;
    let version: number = (
      dataOf(await postGraphQL(a.url, PUBLISH_VERSION, { id: draft.id, version: draft.version }, editor))
        .publishArticle as { version: number }
    ).version;
    let answered = 0; // the newest title number whose mutation has answered
    let writing = true;
    const writer = (async () => {
      for (let n = 1; n <= 12; n++) {
        const on = n % 2 === 0 ? a : b;
        const input = { id: draft.id, version, title: `v${n}` };
        version = dataOf(await postGraphQL(on.url, UPDATE, { input }, editor)).updateArticle.version;
        answered = n;
      }
      writing = false;
    })();
    let reads = 0;
    const stale: string[] = [];
    const reader = async (on: BylineProcess) => {
      while (writing) {
        const floor = answered;
        const title: string = dataOf(await postGraphQL(on.url, TITLE, { id: draft.id })).article.title;
        reads += 1;
        if (Number(title.slice(1)) < floor) stale.push(`${title} after v${floor} had answered`);
      }
    };
    await Promise.all([writer, reader(a), reader(a), reader(b), reader(b)]);
    expect(stale).toEqual([]);
    expect(reads).toBeGreaterThan(12);
    expect(dataOf(await postGraphQL(b.url, TITLE, { id: draft.id })).article.title).toBe("v12");
  }, 60_000);
});
