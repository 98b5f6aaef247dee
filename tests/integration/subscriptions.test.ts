import { createClient as createSseClient } from "graphql-sse";
import { type Client, createClient as createWsClient } from "graphql-ws";
import WebSocket from "ws";

import { ArticleStatus } from "../../src/modules/articles/article.entity";
import { Role } from "../../src/modules/auth/viewer";
import { createArticle, createAuthor, createTag, tagArticle } from "../helpers/factories";
import { waitFor } from "../helpers/processes";
import { bearer, dataOf, startTestApp, type TestApp } from "../helpers/test-app";
import { createIsolatedDatabase } from "../helpers/test-database";

const PUBLISH = `mutation ($id: ID!, $version: Int!, $at: DateTimeISO) {
  publishArticle(id: $id, version: $version, at: $at) { version status publishedAt }
}`;
const UPDATE = `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { version } }`;
const UNPUBLISH = `mutation ($id: ID!, $version: Int!) { unpublishArticle(id: $id, version: $version) { version } }`;
const DELETE = `mutation ($id: ID!) { deleteArticle(id: $id) }`;

const PUBLISHED = `subscription ($tag: String, $author: String) {
  articlePublished(tag: $tag, author: $author) { id slug title author { slug name } tags { slug } }
}`;
const UPDATED = `subscription ($id: ID!) { articleUpdated(id: $id) { id title version } }`;
const REMOVED = `subscription { articleRemoved { id removedAt } }`;

interface Result {
  data?: Record<string, any> | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

/** What one subscription received, in order. */
class Received {
  readonly results: Result[] = [];
  readonly errors: unknown[] = [];
  completed = false;

  sink = {
    next: (value: Result) => void this.results.push(value),
    error: (error: unknown) => {
      this.errors.push(error);
      this.completed = true;
    },
    complete: () => void (this.completed = true),
  };

  async first(what: string): Promise<Result> {
    await waitFor(what, () => this.results.length > 0 || this.errors.length > 0);
    if (this.results.length === 0) throw new Error(`${what}: got ${JSON.stringify(this.errors)}`);
    return this.results[0]!;
  }

  /** The errors a refused subscription got, from an `error` message or a result with errors. */
  async refusal(): Promise<ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>> {
    await waitFor("a refusal", () => this.completed || this.results.length > 0);
    return (this.errors[0] as Result["errors"]) ?? this.results[0]?.errors ?? [];
  }
}

const wsUrl = (app: TestApp) => `${app.baseUrl.replace(/^http/, "ws")}/graphql`;

describe("GraphQL subscriptions over WebSocket and SSE, across two instances", () => {
  let database: { url: string; drop(): Promise<void> };
  let a: TestApp;
  let b: TestApp;
  let editor: Record<string, string>;
  let editorKey: string;
  const clients: Client[] = [];

  const connect = (app: TestApp, connectionParams?: Record<string, unknown>) => {
    const client = createWsClient({ url: wsUrl(app), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
    clients.push(client);
    return client;
  };

  /** Subscribes and waits until the instance is listening for it (so nothing published after is missed). */
  async function subscribe(client: Client, app: TestApp, query: string, variables?: Record<string, unknown>) {
    const before = app.server.live.size.subscriptions;
    const received = new Received();
    client.subscribe({ query, variables }, received.sink);
    await waitFor("the subscription", () => app.server.live.size.subscriptions > before || received.completed);
    return received;
  }

  const draft = async (overrides: Parameters<typeof createArticle>[1] = {}) =>
    createArticle(a.dataSource, { status: ArticleStatus.DRAFT, publishedAt: null, ...overrides });

  const publish = async (id: string, version: number, at?: Date) =>
    dataOf(await a.gql(PUBLISH, { id, version, at: at?.toISOString() }, editor)).publishArticle;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    const env = { SUBSCRIPTIONS_PER_CONNECTION: "3", MAX_QUERY_DEPTH: "5" };
    a = await startTestApp(env, undefined, { databaseUrl: database.url });
    b = await startTestApp(env, undefined, { databaseUrl: database.url });
    editorKey = await a.createKey(Role.EDITOR);
    editor = bearer(editorKey);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it("tells a reader on the other instance of an article published through the API, never of a draft", async () => {
    const reader = await subscribe(connect(b), b, PUBLISHED);
    const hidden = await draft();
    await a.gql(UPDATE, { input: { id: hidden.id, version: hidden.version, title: "Still a draft" } }, editor);
    const story = await draft();
    await publish(story.id, story.version);

    const { data } = await reader.first("articlePublished");
    expect(data?.articlePublished).toMatchObject({ id: story.id, slug: story.slug, title: story.title });
    // Article's field resolvers run on the payload as on a query's.
    expect(data?.articlePublished.author.slug).toEqual(expect.any(String));
    expect(reader.results.map((result) => result.data?.articlePublished.id)).not.toContain(hidden.id);
  });

  it("narrows articlePublished by tag and by author", async () => {
    const tag = await createTag(a.dataSource);
    const author = await createAuthor(a.dataSource);
    const client = connect(b);
    const byTag = await subscribe(client, b, PUBLISHED, { tag: tag.slug });
    const byAuthor = await subscribe(client, b, PUBLISHED, { author: author.slug });

    const other = await draft();
    await publish(other.id, other.version);
    const tagged = await draft();
    await tagArticle(a.dataSource, tagged, tag);
    await publish(tagged.id, tagged.version);
    const theirs = await draft({ author });
    await publish(theirs.id, theirs.version);

    expect((await byTag.first("the tagged article")).data?.articlePublished).toMatchObject({
      id: tagged.id,
      tags: [{ slug: tag.slug }],
    });
    expect((await byAuthor.first("the author's article")).data?.articlePublished).toMatchObject({
      id: theirs.id,
      author: { slug: author.slug },
    });
  });

  it("announces a scheduled article at its time, not before", async () => {
    const reader = await subscribe(connect(b), b, PUBLISHED);
    const story = await draft();
    const at = new Date(Date.now() + 1_500);
    expect(await publish(story.id, story.version, at)).toMatchObject({ status: "SCHEDULED" });

    const { data } = await reader.first("the scheduled article");
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    expect(data?.articlePublished.id).toBe(story.id);
  });

  it("sends articleUpdated for the article asked about, and articleRemoved when it is unpublished or deleted", async () => {
    const story = await createArticle(a.dataSource);
    const client = connect(b);
    const updates = await subscribe(client, b, UPDATED, { id: story.id });
    const removals = await subscribe(client, b, REMOVED);

    await a.gql(UPDATE, { input: { id: story.id, version: story.version, title: "A better headline" } }, editor);
    expect((await updates.first("articleUpdated")).data?.articleUpdated).toMatchObject({
      id: story.id,
      title: "A better headline",
    });
    await a.gql(UNPUBLISH, { id: story.id, version: story.version + 1 }, editor);
    const removal = (await removals.first("articleRemoved")).data?.articleRemoved;
    expect(removal).toEqual({ id: story.id, removedAt: expect.any(String) });

    const gone = await createArticle(a.dataSource);
    const more = await subscribe(client, b, REMOVED);
    dataOf(await a.gql(DELETE, { id: gone.id }, editor));
    expect((await more.first("articleRemoved after a delete")).data?.articleRemoved.id).toBe(gone.id);
  });

  it("takes the API key from the init payload and closes a socket with a bad key with a coded reason", async () => {
    const keyed = connect(b, { authorization: `Bearer ${editorKey}` });
    const received = await subscribe(keyed, b, PUBLISHED);
    const story = await draft();
    await publish(story.id, story.version);
    expect((await received.first("the editor's event")).data?.articlePublished.id).toBe(story.id);

    const closed: Array<{ code: number; reason: string }> = [];
    const bad = connect(b, { authorization: "Bearer not-a-key" });
    bad.on("closed", (event) => closed.push(event as { code: number; reason: string }));
    const refused = new Received();
    bad.subscribe({ query: REMOVED }, refused.sink);
    await waitFor("the socket to close", () => closed.length > 0);
    expect(closed[0]!.code).toBe(4401);
    expect(closed[0]!.reason).toMatch(/^UNAUTHENTICATED: /);
  });

  it("refuses what HTTP would refuse, with coded errors, and keeps serving everyone else", async () => {
    const client = connect(b);
    const deep = `subscription { articlePublished { author { articles(first: 1) { nodes { author { name } } } } } }`;
    expect((await (await subscribe(client, b, deep)).refusal())[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(
      (await (await subscribe(client, b, "{ latestNews(first: 1) { nodes { id } } }")).refusal())[0]?.extensions?.code,
    ).toBe("BAD_REQUEST");
    expect((await (await subscribe(client, b, UPDATED, { id: "nope" })).refusal())[0]?.extensions?.code).toBe(
      "BAD_USER_INPUT",
    );

    // Over HTTP, Apollo serves no subscriptions: a coded refusal, not a fault.
    const overHttp = await b.gql(REMOVED);
    expect(overHttp.body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");

    const held = [];
    for (let i = 0; i < 3; i++) held.push(await subscribe(client, b, REMOVED));
    const fourth = await subscribe(client, b, REMOVED);
    expect((await fourth.refusal())[0]?.extensions?.code).toBe("TOO_MANY_SUBSCRIPTIONS");

    // The same socket's other subscriptions, another client, and HTTP all go on.
    const other = await subscribe(connect(b), b, PUBLISHED);
    const story = await draft();
    await publish(story.id, story.version);
    expect((await other.first("another client's event")).data?.articlePublished.id).toBe(story.id);
    expect(dataOf(await b.gql(`{ article(id: "${story.id}") { id } }`)).article.id).toBe(story.id);
    expect(held.every((subscription) => !subscription.completed)).toBe(true);
  });

  it("serves the same subscriptions over Server-Sent Events, with the key in the Authorization header", async () => {
    const client = createSseClient({ url: `${b.baseUrl}/graphql/stream`, retryAttempts: 0 });
    const received = new Received();
    const before = b.server.live.size.subscriptions;
    const dispose = client.subscribe({ query: PUBLISHED }, received.sink);
    await waitFor("the event stream", () => b.server.live.size.subscriptions > before);
    const story = await draft();
    await publish(story.id, story.version);
    expect((await received.first("the event over SSE")).data?.articlePublished.id).toBe(story.id);
    dispose();
    client.dispose();

    const refused = await fetch(`${b.baseUrl}/graphql/stream`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", authorization: "Bearer not-a-key" },
      body: JSON.stringify({ query: REMOVED }),
    });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as Result).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const tooDeep = await fetch(`${b.baseUrl}/graphql/stream`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({
        query: `subscription { articlePublished { author { articles(first: 1) { nodes { author { name } } } } } }`,
      }),
    });
    expect(tooDeep.status).toBe(400);
    expect(((await tooDeep.json()) as Result).errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("closes sockets with 1001 (going away) when the server stops", async () => {
    const c = await startTestApp({}, undefined, { databaseUrl: database.url });
    const closed: number[] = [];
    const client = createWsClient({ url: wsUrl(c), webSocketImpl: WebSocket, retryAttempts: 0 });
    client.on("closed", (event) => closed.push((event as { code: number }).code));
    await subscribe(client, c, REMOVED);
    await c.close();
    await waitFor("the socket to close", () => closed.length > 0);
    expect(closed[0]).toBe(1001);
    await client.dispose();
  });
});
