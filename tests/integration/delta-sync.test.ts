import { ArticleStatus } from "../../src/modules/articles/article.entity";
import { Role } from "../../src/modules/auth/viewer";
import { decodeSyncToken, encodeSyncToken } from "../../src/modules/sync/sync.token";
import { createArticle, createAuthor, createTag, minutesAgo, tagArticle } from "../helpers/factories";
import { bearer, dataOf, type GraphQLResponse, startTestApp, type TestApp } from "../helpers/test-app";

const ARTICLE_FIELDS = "id slug title version publishedAt author { slug } tags { slug }";
const FEED_CHANGES = `query ($since: String, $first: Int, $tag: String, $author: String) {
  feedChanges(since: $since, first: $first, tag: $tag, author: $author) {
    changed { ${ARTICLE_FIELDS} } removed nextSince hasMore
  }
}`;
const LATEST_NEWS = `query ($after: String, $tag: String, $author: String) {
  latestNews(first: 50, after: $after, tag: $tag, author: $author) {
    nodes { ${ARTICLE_FIELDS} } pageInfo { hasNextPage endCursor }
  }
}`;
const CREATE = `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id version } }`;
const UPDATE = `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { id version } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!, $at: DateTimeISO) {
  publishArticle(id: $id, version: $version, at: $at) { id version status publishedAt }
}`;
const UNPUBLISH = `mutation ($id: ID!, $version: Int!) { unpublishArticle(id: $id, version: $version) { id } }`;
const ARCHIVE = `mutation ($id: ID!, $version: Int!) { archiveArticle(id: $id, version: $version) { id } }`;
const DELETE = `mutation ($id: ID!) { deleteArticle(id: $id) }`;
const ATTACH_TAGS = `mutation ($articleId: ID!, $tags: [String!]!) { attachTags(articleId: $articleId, tags: $tags) { id } }`;

interface SyncedArticle {
  id: string;
  slug: string;
  title: string;
  version: number;
  publishedAt: string;
  author: { slug: string };
  tags: { slug: string }[];
}
interface FeedChangesPage {
  changed: SyncedArticle[];
  removed: string[];
  nextSince: string;
  hasMore: boolean;
}
interface FeedPage {
  nodes: SyncedArticle[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
type Filter = { tag?: string; author?: string };

/** A mobile client's local copy of the feed, kept by delta sync. */
class SyncClient {
  readonly copy = new Map<string, SyncedArticle>();
  token: string | null = null;
  pages = 0;

  constructor(
    private readonly app: TestApp,
    private readonly filter: Filter = {},
    private readonly first = 3,
  ) {}

  /** One page: apply it and keep its token. */
  async page(): Promise<FeedChangesPage> {
    const page = dataOf(await this.app.gql(FEED_CHANGES, this.variables())).feedChanges as FeedChangesPage;
    for (const article of page.changed) this.copy.set(article.id, article);
    for (const id of page.removed) this.copy.delete(id);
    this.token = page.nextSince;
    this.pages += 1;
    return page;
  }

  /** Pages until the sync has nothing more to give right now. */
  async syncUntilDone(): Promise<void> {
    for (let guard = 0; guard < 200; guard++) {
      if (!(await this.page()).hasMore) return;
    }
    throw new Error("the sync never finished");
  }

  variables(): Record<string, unknown> {
    return { since: this.token, first: this.first, ...this.filter };
  }
}

/** What a reader sees: the feed walked to its end, by id. */
async function readerFeed(app: TestApp, filter: Filter = {}): Promise<Map<string, SyncedArticle>> {
  const feed = new Map<string, SyncedArticle>();
  let after: string | null = null;
  for (;;) {
    const response: GraphQLResponse<{ latestNews: FeedPage }> = await app.gql(LATEST_NEWS, { after, ...filter });
    const { latestNews } = dataOf(response);
    for (const article of latestNews.nodes) feed.set(article.id, article);
    if (!latestNews.pageInfo.hasNextPage) return feed;
    after = latestNews.pageInfo.endCursor;
  }
}

const sorted = (copy: Map<string, SyncedArticle>) => [...copy.values()].sort((a, b) => a.id.localeCompare(b.id));

const errorOf = (response: GraphQLResponse) => response.body.errors?.[0];

describe("delta sync for mobile (feedChanges)", () => {
  let app: TestApp;
  let editor: Record<string, string>;
  let authorId: string;

  beforeAll(async () => {
    app = await startTestApp();
    editor = bearer(await app.createKey(Role.EDITOR));
    const author = await createAuthor(app.dataSource, { slug: "niamh" });
    authorId = author.id;
    const harbour = await createTag(app.dataSource, { slug: "harbour", name: "Harbour" });
    for (let i = 0; i < 14; i++) {
      const article = await createArticle(app.dataSource, {
        slug: `story-${i}`,
        publishedAt: minutesAgo(60 - i),
        ...(i % 2 === 0 ? { author } : {}),
      });
      if (i % 3 === 0) await tagArticle(app.dataSource, article, harbour);
    }
    await createArticle(app.dataSource, { slug: "a-draft", status: ArticleStatus.DRAFT, publishedAt: null });
  });
  afterAll(() => app.close());

  const mutate = async (document: string, variables: Record<string, unknown>) =>
    dataOf(await app.gql(document, variables, editor));

  /** Creates and publishes an article through the editorial API (publishing at `at` schedules it). */
  async function publishNew(title: string, at?: Date) {
    const created = (await mutate(CREATE, { input: { authorId, title, body: `About ${title}.` } })).createArticle;
    return (await mutate(PUBLISH, { id: created.id, version: created.version, at: at?.toISOString() })).publishArticle;
  }

  const versionOf = async (slug: string) =>
    [...(await readerFeed(app)).values()].find((article) => article.slug === slug);

  it("starts with the feed as readers see it, paged", async () => {
    const client = new SyncClient(app);
    await client.syncUntilDone();
    expect(client.pages).toBe(5); // 14 articles, 3 a page
    expect(sorted(client.copy)).toEqual(sorted(await readerFeed(app)));
    expect([...client.copy.values()].map((a) => a.slug)).not.toContain("a-draft");
  });

  it("keeps a copy equal to the reader's feed through concurrent creates, edits, publishes, schedules, unpublishes and deletes", async () => {
    const everything = new SyncClient(app);
    const harbour = new SyncClient(app, { tag: "harbour" }, 2);
    const byNiamh = new SyncClient(app, { author: "niamh" }, 4);
    const clients = [everything, harbour, byNiamh];
    await Promise.all(clients.map((client) => client.syncUntilDone()));

    const scheduledAt = new Date(Date.now() + 1500);
    const [toEdit, toUnpublish, toArchive, toDelete, toTag] = await Promise.all(
      ["story-1", "story-2", "story-3", "story-4", "story-5"].map(versionOf),
    );
    // Writes and syncs interleaved: each client pages while the editors write.
    const writes = Promise.all([
      publishNew("Ferry timetable changes"),
      publishNew("Lighthouse reopens at dawn", scheduledAt),
      mutate(UPDATE, { input: { id: toEdit!.id, version: toEdit!.version, title: "Story 1, corrected" } }),
      mutate(UNPUBLISH, { id: toUnpublish!.id, version: toUnpublish!.version }),
      mutate(ARCHIVE, { id: toArchive!.id, version: toArchive!.version }),
      mutate(DELETE, { id: toDelete!.id }),
      mutate(ATTACH_TAGS, { articleId: toTag!.id, tags: ["harbour"] }),
      publishNew("Harbour dredging approved").then(({ id }) =>
        mutate(ATTACH_TAGS, { articleId: id, tags: ["harbour"] }),
      ),
    ]);
    await Promise.all([writes, ...clients.map((client) => client.syncUntilDone())]);
    await writes;

    // The scheduled article appears with no write: wait for readers to see it, then sync again.
    for (let seen = false; !seen;) {
      expect(Date.now()).toBeLessThan(scheduledAt.getTime() + 10_000);
      seen = (await versionOf("lighthouse-reopens-at-dawn")) !== undefined;
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 100)); // a poll interval, not the synchronisation
    }
    await Promise.all(clients.map((client) => client.syncUntilDone()));

    expect(sorted(everything.copy)).toEqual(sorted(await readerFeed(app)));
    expect(sorted(harbour.copy)).toEqual(sorted(await readerFeed(app, { tag: "harbour" })));
    expect(sorted(byNiamh.copy)).toEqual(sorted(await readerFeed(app, { author: "niamh" })));
    const slugs = [...everything.copy.values()].map((article) => article.slug);
    expect(slugs).toEqual(expect.arrayContaining(["ferry-timetable-changes", "lighthouse-reopens-at-dawn"]));
    for (const gone of [toUnpublish, toArchive, toDelete]) expect(everything.copy.has(gone!.id)).toBe(false);
    expect(everything.copy.get(toEdit!.id)?.title).toBe("Story 1, corrected");
    expect(harbour.copy.has(toTag!.id)).toBe(true);
  });

  it("delivers a change whose transaction began before a sync and committed after it", async () => {
    const client = new SyncClient(app);
    await client.syncUntilDone();
    const target = await versionOf("story-6");

    const late = app.dataSource.createQueryRunner();
    await late.connect();
    try {
      await late.startTransaction();
      await late.query(`UPDATE articles SET title = 'Written late', version = version + 1 WHERE id = $1`, [target!.id]);
      // A later transaction commits first, so the late one is in the sync's snapshot as still running, below its xmax.
      const other = await versionOf("story-7");
      await mutate(UPDATE, { input: { id: other!.id, version: other!.version, title: "Written early" } });
      await client.syncUntilDone(); // the update is not committed yet: this sync cannot see it
      expect(client.copy.get(other!.id)?.title).toBe("Written early");
      expect(client.copy.get(target!.id)?.title).toBe(target!.title);
      await late.commitTransaction();
    } finally {
      await late.release();
    }
    await client.syncUntilDone();
    expect(client.copy.get(target!.id)?.title).toBe("Written late");
    expect(sorted(client.copy)).toEqual(sorted(await readerFeed(app)));
  });

  it("never names a draft readers could not have had, but names an article that left the feed", async () => {
    const client = new SyncClient(app);
    await client.syncUntilDone();
    const draft = (await mutate(CREATE, { input: { authorId, title: "Embargoed draft", body: "Not yet." } }))
      .createArticle;
    await mutate(UPDATE, { input: { id: draft.id, version: draft.version, title: "Embargoed draft, edited" } });
    const scheduled = await publishNew("Scheduled for next year", new Date(Date.now() + 365 * 86_400_000));
    await mutate(UNPUBLISH, { id: scheduled.id, version: scheduled.version });
    await mutate(DELETE, { id: draft.id });
    const shown = await publishNew("Shown, then withdrawn");
    await client.syncUntilDone();
    expect(client.copy.has(shown.id)).toBe(true);
    await mutate(UNPUBLISH, { id: shown.id, version: shown.version });

    const removed: string[] = [];
    for (let more = true; more;) {
      const page = await client.page();
      removed.push(...page.removed);
      more = page.hasMore;
    }
    expect(removed).toEqual([shown.id]);
    expect(removed).not.toContain(draft.id);
    expect(removed).not.toContain(scheduled.id);
  });

  it("delivers the articles an author's or a tag's rename changes", async () => {
    const author = await createAuthor(app.dataSource, { slug: "renamed-author", name: "Before" });
    const tag = await createTag(app.dataSource, { slug: "renamed-tag", name: "Before" });
    const byAuthor = await createArticle(app.dataSource, { author, publishedAt: minutesAgo(1) });
    const tagged = await createArticle(app.dataSource, { publishedAt: minutesAgo(1) });
    await tagArticle(app.dataSource, tagged, tag);
    const client = new SyncClient(app, {}, 50);
    await client.syncUntilDone();

    await app.dataSource.query(`UPDATE authors SET slug = 'renamed-author-2' WHERE id = $1`, [author.id]);
    await app.dataSource.query(`UPDATE tags SET slug = 'renamed-tag-2' WHERE id = $1`, [tag.id]);
    const page = await client.page();
    expect(page.changed.map((article) => article.id).sort()).toEqual([byAuthor.id, tagged.id].sort());
    expect(client.copy.get(byAuthor.id)?.author.slug).toBe("renamed-author-2");
    expect(client.copy.get(tagged.id)?.tags.map((t) => t.slug)).toContain("renamed-tag-2");
  });

  it("costs the same statements for a page of 2 and of 20", async () => {
    const small = await app.gql(FEED_CHANGES, { first: 2 });
    const large = await app.gql(FEED_CHANGES, { first: 20 });
    expect(dataOf(small).feedChanges.changed).toHaveLength(2);
    expect(dataOf(large).feedChanges.changed.length).toBeGreaterThanOrEqual(10);
    // The window, the articles with their authors, the tags of all of them (one loader batch).
    expect(small.statements).toBe(3);
    expect(large.statements).toBe(3);
  });

  it("prunes tombstones past the retention in the sync itself", async () => {
    await app.dataSource.query(
      `INSERT INTO article_tombstones (article_id, change_id, removed_at) VALUES (gen_random_uuid(), 1, now() - interval '400 days')`,
    );
    dataOf(await app.gql(FEED_CHANGES, { first: 1 }));
    const [{ old }] = await app.dataSource.query(
      `SELECT count(*)::int AS old FROM article_tombstones WHERE removed_at < now() - interval '30 days'`,
    );
    expect(old).toBe(0);
  });

  it("refuses a token older than the tombstones' retention with SYNC_TOKEN_EXPIRED", async () => {
    const client = new SyncClient(app);
    await client.syncUntilDone();
    const state = decodeSyncToken(client.token!);
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString();
    const old = encodeSyncToken({ ...state, seen: { ...state.seen!, at: yearAgo } });
    const response = await app.gql(FEED_CHANGES, { since: old });
    expect(response.status).toBe(200);
    expect(errorOf(response)).toMatchObject({
      extensions: { code: "SYNC_TOKEN_EXPIRED" },
      message: expect.stringContaining('sync again without "since"'),
    });
    expect(response.body.data).toBeNull();
  });

  it.each([
    ["not base64url", "%%%"],
    ["not JSON", Buffer.from("hello").toString("base64url")],
    [
      "a feed cursor",
      Buffer.from(JSON.stringify(["published", "2026-01-01T00:00:00.000Z", "x"])).toString("base64url"),
    ],
    [
      "a forged snapshot",
      encodeSyncToken({
        seen: { snapshot: "9:3:", at: new Date().toISOString() },
        round: null,
        filter: { tag: null, author: null },
      }),
    ],
  ])("refuses a since that is %s with BAD_USER_INPUT naming since", async (_what, since) => {
    const response = await app.gql(FEED_CHANGES, { since });
    expect(errorOf(response)?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      violations: [{ field: "since", rule: "syncToken", message: expect.any(String) }],
    });
  });

  it("refuses a token minted for another filter with BAD_USER_INPUT", async () => {
    const client = new SyncClient(app, { tag: "harbour" });
    await client.page();
    for (const filter of [{}, { tag: "other" }, { tag: "harbour", author: "niamh" }]) {
      const response = await app.gql(FEED_CHANGES, { since: client.token, ...filter });
      expect(errorOf(response)?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        violations: [{ field: "since", rule: "syncFilter" }],
      });
    }
    expect(dataOf(await app.gql(FEED_CHANGES, { since: client.token, tag: "harbour" })).feedChanges).toBeDefined();
  });
});
