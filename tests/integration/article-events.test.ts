import { ArticleEventType } from "../../src/events/article-event.entity";
import type { ArticleEvent } from "../../src/events/article-events";
import { ArticleStatus } from "../../src/modules/articles/article.entity";
import { Role } from "../../src/modules/auth/viewer";
import { createArticle, createAuthor, createTag, minutesAgo, tagArticle } from "../helpers/factories";
import { waitFor } from "../helpers/processes";
import { bearer, dataOf, startTestApp, type TestApp } from "../helpers/test-app";
import { createIsolatedDatabase } from "../helpers/test-database";

const CREATE = `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id slug version } }`;
const UPDATE = `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { version } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!, $at: DateTimeISO) {
  publishArticle(id: $id, version: $version, at: $at) { version status publishedAt }
}`;
const UNPUBLISH = `mutation ($id: ID!, $version: Int!) { unpublishArticle(id: $id, version: $version) { version } }`;
const ARCHIVE = `mutation ($id: ID!, $version: Int!) { archiveArticle(id: $id, version: $version) { version } }`;
const DELETE = `mutation ($id: ID!) { deleteArticle(id: $id) }`;

/** Everything one instance's bus delivers, in order. */
function collect(app: TestApp): ArticleEvent[] {
  const events: ArticleEvent[] = [];
  app.server.events.bus.subscribe((event) => events.push(event));
  return events;
}

const summary = (events: ArticleEvent[], articleId: string) =>
  events.filter((event) => event.articleId === articleId).map((event) => event.type);

describe.each([
  ["PostgreSQL LISTEN/NOTIFY", {}],
  ["Redis", { REDIS_URL: "redis://127.0.0.1:6379" }],
])("article events across two instances over %s", (_transport, env: Record<string, string>) => {
  let database: { url: string; drop(): Promise<void> };
  let a: TestApp;
  let b: TestApp;
  let onA: ArticleEvent[];
  let onB: ArticleEvent[];
  let editor: Record<string, string>;
  const redisPrefix = `byline-test:${Math.random().toString(36).slice(2)}:`;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    a = await startTestApp(env, undefined, { databaseUrl: database.url, redisPrefix });
    b = await startTestApp(env, undefined, { databaseUrl: database.url, redisPrefix });
    onA = collect(a);
    onB = collect(b);
    editor = bearer(await a.createKey(Role.EDITOR));
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  /** The events of the outbox for one article, in order. */
  const stored = async (articleId: string) =>
    (
      (await a.dataSource.query("SELECT type, article_seq FROM article_events WHERE article_id = $1 ORDER BY id", [
        articleId,
      ])) as Array<{ type: string; article_seq: number }>
    ).map((row) => row.type);

  /** Waits until both instances have delivered `types` for the article, then checks neither delivered more. */
  async function expectDelivered(articleId: string, types: ArticleEventType[]): Promise<void> {
    await waitFor(`${types.join(", ")} on both instances`, () =>
      [onA, onB].every((events) => summary(events, articleId).length >= types.length),
    );
    expect(summary(onA, articleId)).toEqual(types);
    expect(summary(onB, articleId)).toEqual(types);
    expect(await stored(articleId)).toEqual(types);
  }

  async function draft(): Promise<{ id: string; slug: string; version: number }> {
    const author = await createAuthor(a.dataSource);
    return dataOf(
      await a.gql(
        CREATE,
        { input: { title: "Council votes", body: "The council voted.", authorId: author.id } },
        editor,
      ),
    ).createArticle;
  }

  it("publish, update, unpublish: published, updated, removed, on both instances, once each and in order", async () => {
    const article = await draft();
    const tag = await createTag(a.dataSource, { slug: `council-${Date.now()}` });
    await tagArticle(a.dataSource, { id: article.id } as never, tag);
    const published = dataOf(await a.gql(PUBLISH, { id: article.id, version: article.version }, editor));
    const updated = dataOf(
      await b.gql(
        UPDATE,
        { input: { id: article.id, version: published.publishArticle.version, title: "New" } },
        editor,
      ),
    );
    await a.gql(UNPUBLISH, { id: article.id, version: updated.updateArticle.version }, editor);
    await expectDelivered(article.id, [ArticleEventType.PUBLISHED, ArticleEventType.UPDATED, ArticleEventType.REMOVED]);

    const [first, second, third] = onA.filter((event) => event.articleId === article.id);
    expect(first!.payload).toEqual({
      slug: article.slug,
      title: "Council votes",
      authorSlug: expect.any(String),
      tagSlugs: [tag.slug],
      publishedAt: published.publishArticle.publishedAt,
    });
    expect(second!.payload.title).toBe("New");
    // A removal tells the article as readers last saw it.
    expect(third!.payload).toMatchObject({ title: "New", publishedAt: published.publishArticle.publishedAt });
    expect([first!.articleSeq, second!.articleSeq, third!.articleSeq]).toEqual([1, 2, 3]);
    expect(onB.filter((event) => event.articleId === article.id)).toEqual(
      onA.filter((event) => event.articleId === article.id),
    );
  });

  it("says nothing of changes readers never saw: a draft's edits, a schedule not yet due", async () => {
    const article = await draft();
    const edited = dataOf(
      await a.gql(UPDATE, { input: { id: article.id, version: article.version, title: "X" } }, editor),
    );
    const later = new Date(Date.now() + 3_600_000);
    await a.gql(PUBLISH, { id: article.id, version: edited.updateArticle.version, at: later.toISOString() }, editor);
    // A later event of another article has reached both buses, so anything of this one would have too.
    const marker = await draft();
    await a.gql(PUBLISH, { id: marker.id, version: marker.version }, editor);
    await expectDelivered(marker.id, [ArticleEventType.PUBLISHED]);
    expect(summary(onA, article.id)).toEqual([]);
    expect(await stored(article.id)).toEqual([]);
  });

  it("archive and delete are removals; deleting an article readers never saw is nothing", async () => {
    const archived = await draft();
    const published = dataOf(await a.gql(PUBLISH, { id: archived.id, version: archived.version }, editor));
    await a.gql(ARCHIVE, { id: archived.id, version: published.publishArticle.version }, editor);
    const deleted = await draft();
    await a.gql(PUBLISH, { id: deleted.id, version: deleted.version }, editor);
    await b.gql(DELETE, { id: deleted.id }, editor);
    const neverSeen = await draft();
    await a.gql(DELETE, { id: neverSeen.id }, editor);
    await expectDelivered(archived.id, [ArticleEventType.PUBLISHED, ArticleEventType.REMOVED]);
    await expectDelivered(deleted.id, [ArticleEventType.PUBLISHED, ArticleEventType.REMOVED]);
    // The deleted article's events outlive it, with what readers last saw.
    expect(
      onB.find((event) => event.articleId === deleted.id && event.type === ArticleEventType.REMOVED)!.payload.slug,
    ).toBe(deleted.slug);
    expect(await stored(neverSeen.id)).toEqual([]);
  });

  it("announces a scheduled article at its time, exactly once across both instances", async () => {
    const article = await draft();
    const at = new Date(Date.now() + 1_500);
    const scheduled = dataOf(
      await a.gql(PUBLISH, { id: article.id, version: article.version, at: at.toISOString() }, editor),
    );
    expect(scheduled.publishArticle.status).toBe("SCHEDULED");
    expect(summary(onA, article.id)).toEqual([]);
    await expectDelivered(article.id, [ArticleEventType.PUBLISHED]);
    const event = onA.find((e) => e.articleId === article.id)!;
    expect(event.occurredAt.getTime()).toBeGreaterThanOrEqual(at.getTime() - 50);
    // Both announcers asked again, at once and repeatedly: still one event.
    await Promise.all([a, b, a, b].map((app) => app.server.events.announcer.run()));
    expect(await stored(article.id)).toEqual([ArticleEventType.PUBLISHED]);
    // An edit after the announcement is an update.
    const edited = dataOf(
      await b.gql(UPDATE, { input: { id: article.id, version: 2, title: "Scheduled, edited" } }, editor),
    );
    expect(edited.updateArticle.version).toBe(3);
    await expectDelivered(article.id, [ArticleEventType.PUBLISHED, ArticleEventType.UPDATED]);
  });

  it("a listener that lost its connection catches up from the last event it saw", async () => {
    // Every listening connection of this database (the buses' dedicated ones) is cut; the events recorded meanwhile
    // arrive once each listener is back.
    await a.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`,
    );
    const article = await draft();
    await a.gql(PUBLISH, { id: article.id, version: article.version }, editor);
    await expectDelivered(article.id, [ArticleEventType.PUBLISHED]);
  });

  it("an instance starting after a publication came due while none announced it catches up, once", async () => {
    // Written past the API (as if every instance had been down at its time): a scheduled article already due.
    const missed = await createArticle(a.dataSource, { status: ArticleStatus.SCHEDULED, publishedAt: minutesAgo(5) });
    const third = await startTestApp(env, undefined, { databaseUrl: database.url, redisPrefix });
    try {
      await expectDelivered(missed.id, [ArticleEventType.PUBLISHED]);
    } finally {
      await third.close();
    }
  });

  it("prunes events past EVENT_RETENTION but keeps each article's newest, so its next write is still an update", async () => {
    const article = await draft();
    const published = dataOf(await a.gql(PUBLISH, { id: article.id, version: article.version }, editor));
    const updated = dataOf(
      await a.gql(
        UPDATE,
        { input: { id: article.id, version: published.publishArticle.version, title: "Once" } },
        editor,
      ),
    );
    await waitFor("both events stored", async () => (await stored(article.id)).length === 2);
    await a.dataSource.query(
      `UPDATE article_events SET occurred_at = now() - interval '400 days' WHERE article_id = $1`,
      [article.id],
    );

    // Two old deliveries of the first event, one finished and one still pending (a webhook with nowhere to go).
    const [{ id: webhookId }] = await a.dataSource.query(
      `INSERT INTO webhooks (url, events, secret) VALUES ('https://hooks.example/', '{article.published}', 'whsec_x') RETURNING id`,
    );
    const [first] = await a.dataSource.query(
      "SELECT id FROM article_events WHERE article_id = $1 ORDER BY article_seq LIMIT 1",
      [article.id],
    );
    for (const status of ["SUCCEEDED", "PENDING"]) {
      const [{ id: otherHook }] =
        status === "PENDING"
          ? await a.dataSource.query(
              `INSERT INTO webhooks (url, events, secret) VALUES ('https://hooks.example/2', '{article.published}', 'whsec_y') RETURNING id`,
            )
          : [{ id: webhookId }];
      await a.dataSource.query(
        `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, article_id, status, next_attempt_at, created_at)
         VALUES ($1, $2, 'article.published', $3, $4, now() + interval '1 day', now() - interval '400 days')`,
        [otherHook, first.id, article.id, status],
      );
    }

    const removed = await a.server.events.retention.prune();
    expect(removed).toEqual({ deliveries: 1, events: 0 });
    // The pending delivery still needs the first event; once it is gone, so is the event.
    expect(await stored(article.id)).toEqual([ArticleEventType.PUBLISHED, ArticleEventType.UPDATED]);
    await a.dataSource.query("DELETE FROM webhooks");
    expect(await a.server.events.retention.prune()).toEqual({ deliveries: 0, events: 1 });
    expect(await stored(article.id)).toEqual([ArticleEventType.UPDATED]);
    expect(await a.server.events.retention.prune()).toEqual({ deliveries: 0, events: 0 });
    await a.gql(UPDATE, { input: { id: article.id, version: updated.updateArticle.version, title: "Twice" } }, editor);
    await waitFor("the next event stored", async () => (await stored(article.id)).length === 2);
    expect(await stored(article.id)).toEqual([ArticleEventType.UPDATED, ArticleEventType.UPDATED]);
  });
});
