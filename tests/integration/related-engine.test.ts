import type { AddressInfo } from "node:net";

import { loadConfig } from "../../src/config";
import { type Article, ArticleStatus } from "../../src/modules/articles/article.entity";
import { ArticleWrites } from "../../src/modules/articles/article-writes";
import { Role } from "../../src/modules/auth/viewer";
import type { Author } from "../../src/modules/authors/author.entity";
import { refreshAllRelated, relatedNewsHook } from "../../src/modules/related-news/related-engine";
import { TagEditorService } from "../../src/modules/tags/tag-editor.service";
import { type BylineServer, createServer } from "../../src/server";
import { createArticle, createAuthor, createTag, minutesAgo, tagArticle } from "../helpers/factories";
import { bearer, dataOf, type GraphQLResponse, postGraphQL, startTestApp, type TestApp } from "../helpers/test-app";

/**
 * Computed related news: stored on the write path, read with the page. Ordering and reasons, the rules (never itself,
 * never invisible, never twice), refreshes after other articles' writes, editors' exclusions, the latest-news dedupe,
 * the statement bound, and the same answers from the look-ahead and the loaders.
 */

const PAGE = /* GraphQL */ `
  query Page($slug: String!, $first: Int = 5, $after: String, $dedupe: Boolean = true) {
    article(slug: $slug) {
      id
      slug
      related {
        __typename
        ... on Article {
          slug
          author {
            name
          }
        }
        ... on ExternalLink {
          url
        }
      }
      relatedNews {
        reason
        score
        item {
          __typename
          ... on Article {
            slug
            title
          }
          ... on ExternalLink {
            title
            url
          }
        }
      }
      latestNews(first: $first, after: $after, excludeRelated: $dedupe) {
        nodes {
          slug
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

const EXCLUDE = `mutation ($a: ID!, $t: ID!) { excludeRelated(articleId: $a, targetId: $t) { id } }`;
const INCLUDE = `mutation ($a: ID!, $t: ID!) { includeRelated(articleId: $a, targetId: $t) { id } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishArticle(id: $id, version: $version) { version } }`;
const UNPUBLISH = `mutation ($id: ID!, $version: Int!) { unpublishArticle(id: $id, version: $version) { version } }`;
const ATTACH = `mutation ($id: ID!, $tags: [String!]!) { attachTags(articleId: $id, tags: $tags) { id } }`;
const DETACH = `mutation ($id: ID!, $tags: [String!]!) { detachTags(articleId: $id, tags: $tags) { id } }`;
const PIN = `mutation ($id: ID!, $links: [RelatedLinkInput!]!) { setRelatedLinks(articleId: $id, links: $links) { id } }`;

interface Entry {
  reason: string;
  score: number | null;
  item: { __typename: string; slug?: string; title?: string; url?: string };
}

describe("computed related news", () => {
  let app: TestApp;
  let loaders: BylineServer;
  let loadersUrl: string;
  let editor: Record<string, string>;
  const a: Record<string, Article> = {};
  let ana: Author;

  const page = async (slug: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    dataOf(await app.gql(PAGE, { slug, ...variables }, headers)).article;
  const entries = async (slug: string, headers: Record<string, string> = {}): Promise<Entry[]> =>
    (await page(slug, {}, headers)).relatedNews;
  const slugsOf = (list: Entry[]) => list.map((entry) => entry.item.slug ?? entry.item.url);
  const stored = async (article: Article): Promise<string[]> =>
    (
      (await app.dataSource.query(
        `SELECT t.slug FROM article_related r JOIN articles t ON t.id = r.target_id WHERE r.article_id = $1 ORDER BY r.position`,
        [article.id],
      )) as Array<{ slug: string }>
    ).map((row) => row.slug);

  beforeAll(async () => {
    app = await startTestApp();
    loaders = await createServer({
      dataSource: app.dataSource,
      config: loadConfig({ NODE_ENV: "test", EXPOSE_SQL_STATEMENTS: "true", READ_PATH: "loaders" }),
    });
    await new Promise<void>((resolve) => loaders.httpServer.listen(0, "127.0.0.1", resolve));
    loadersUrl = `http://127.0.0.1:${(loaders.httpServer.address() as AddressInfo).port}`;
    editor = bearer(await app.createKey(Role.EDITOR));

    const ds = app.dataSource;
    ana = await createAuthor(ds, { slug: "ana", name: "Ana" });
    const ben = await createAuthor(ds, { slug: "ben", name: "Ben" });
    const cid = await createAuthor(ds, { slug: "cid", name: "Cid" });
    const rare = await createTag(ds, { slug: "harbour", name: "Harbour" });
    const common = await createTag(ds, { slug: "city", name: "City" });
    const art = (slug: string, author: Author, title: string, minutes: number, extra: Partial<Article> = {}) =>
      createArticle(ds, { slug, author, title, publishedAt: minutesAgo(minutes), ...extra });

    a.source = await art("source", ana, "Harbour bridge reopens after repairs", 30);
    a.rare = await art("rare", ben, "Ferry timetable changes", 40);
    a.text = await art("text", cid, "Harbour bridge reopens after repairs, engineers say", 50);
    a.author = await art("author", ana, "Weekend weather", 60);
    a.pinned = await art("pinned", ben, "Market day", 70);
    a.common1 = await art("common-1", cid, "School budget", 80);
    a.common2 = await art("common-2", ben, "Library hours", 90);
    a.draft = await art("draft", ben, "Harbour draft", 0, { status: ArticleStatus.DRAFT, publishedAt: null });
    a.later = await art("later", ben, "Harbour festival programme", 0, {
      status: ArticleStatus.SCHEDULED,
      publishedAt: new Date(Date.now() + 3_600_000),
    });
    await tagArticle(ds, a.source, rare, common);
    await tagArticle(ds, a.rare, rare);
    await tagArticle(ds, a.draft, rare);
    await tagArticle(ds, a.later, rare);
    for (const article of [a.text, a.pinned, a.common1, a.common2]) await tagArticle(ds, article, common);
    // Unrelated fillers (another author, no tag, other words): the latest-news pages beside the source.
    for (let i = 0; i < 14; i++) a[`filler-${i}`] = await art(`filler-${i}`, cid, `Quiz night ${i}`, 5 + i);
    // The factories bypass the write path, as the demo seed does: compute every list once.
    await ds.transaction((manager) => refreshAllRelated(manager));
    dataOf(
      await app.gql(
        PIN,
        { id: a.source.id, links: [{ articleId: a.pinned.id }, { url: "https://x.example/a", title: "X" }] },
        editor,
      ),
    );
  });

  afterAll(async () => {
    await loaders?.stop();
    await app?.close();
  });

  it("lists the pinned entries first, then computed ones by score, each with its reason", async () => {
    const list = await entries("source");
    expect(list.slice(0, 2)).toEqual([
      { reason: "PINNED", score: null, item: { __typename: "Article", slug: "pinned", title: "Market day" } },
      { reason: "PINNED", score: null, item: { __typename: "ExternalLink", title: "X", url: "https://x.example/a" } },
    ]);
    const computed = list.slice(2);
    expect(computed.map((entry) => entry.item.slug).sort()).toEqual(["author", "common-1", "common-2", "rare", "text"]);
    // The near-identical headline comes first; then by score, highest first.
    expect(computed[0]!.item.slug).toBe("text");
    const scores = computed.map((entry) => entry.score!);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    expect(Object.fromEntries(computed.map((entry) => [entry.item.slug, entry.reason]))).toEqual({
      rare: "SHARED_TAGS",
      text: "SIMILAR_TEXT",
      author: "SAME_AUTHOR",
      "common-1": "SHARED_TAGS",
      "common-2": "SHARED_TAGS",
    });
    // `related` is the same list, items only.
    const { related } = await page("source");
    expect(related.map((item: { slug?: string; url?: string }) => item.slug ?? item.url)).toEqual(slugsOf(list));
  });

  it("scores by the documented formula", async () => {
    // rare: the harbour tag (on 3 listed articles: source, rare and the scheduled one) of N listed, plus headline
    // similarity; same-author: 1.5 plus similarity; common-1 and common-2 tie on tags and text is near 0: newer first.
    const [{ n }] = (await app.dataSource.query(
      "SELECT count(*)::int AS n FROM articles WHERE status IN ('PUBLISHED', 'SCHEDULED')",
    )) as [{ n: number }];
    const similarity = async (x: string, y: string) =>
      ((await app.dataSource.query("SELECT similarity($1, $2) AS s", [x, y])) as [{ s: number }])[0].s;
    const list = await entries("source");
    const score = (slug: string) => list.find((entry) => entry.item.slug === slug)!.score!;
    const title = "Harbour bridge reopens after repairs";
    expect(score("rare")).toBeCloseTo(Math.log(n / 3) + 4 * (await similarity(title, "Ferry timetable changes")), 5);
    expect(score("author")).toBeCloseTo(1.5 + 4 * (await similarity(title, "Weekend weather")), 5);
  });

  it("never lists the article itself, an invisible article, or a target twice", async () => {
    const slugs = slugsOf(await entries("source"));
    expect(slugs).not.toContain("source");
    expect(slugs).not.toContain("draft");
    // The scheduled one is stored (it shows once its time comes, with no write) but hidden from readers until then.
    expect(await stored(a.source)).toContain("later");
    expect(slugs).not.toContain("later");
    expect(slugsOf(await entries("source", editor))).toContain("later");
    expect(new Set(slugs).size).toBe(slugs.length);
    // The pinned article is not repeated computed, and not stored as computed.
    expect(slugs.filter((slug) => slug === "pinned")).toHaveLength(1);
    expect(await stored(a.source)).not.toContain("pinned");
  });

  it("refreshes other articles' lists when an article is published, unpublished or retagged", async () => {
    const created = dataOf(
      await app.gql(
        `mutation ($author: ID!) { createArticle(input: { authorId: $author, title: "Harbour crane arrives" }) { id version } }`,
        { author: ana.id },
        editor,
      ),
    ).createArticle;
    dataOf(await app.gql(ATTACH, { id: created.id, tags: ["harbour"] }, editor));
    expect(slugsOf(await entries("source"))).not.toContain("harbour-crane-arrives");
    const published = dataOf(await app.gql(PUBLISH, { id: created.id, version: created.version }, editor));
    // Shares the rare tag (its largest term) and the author: in the source's list now, and in the rare one's.
    const afterPublish = await entries("source");
    expect(afterPublish.find((entry) => entry.item.slug === "harbour-crane-arrives")?.reason).toBe("SHARED_TAGS");
    expect(await stored(a.rare)).toContain("harbour-crane-arrives");

    dataOf(await app.gql(UNPUBLISH, { id: created.id, version: published.publishArticle.version }, editor));
    expect(slugsOf(await entries("source"))).not.toContain("harbour-crane-arrives");
    expect(await stored(a.source)).not.toContain("harbour-crane-arrives");
    expect(await stored(a.rare)).not.toContain("harbour-crane-arrives");

    // The rare article loses the shared tag: it leaves the source's list (no author, tag or headline in common).
    dataOf(await app.gql(DETACH, { id: a.rare.id, tags: ["harbour"] }, editor));
    expect(slugsOf(await entries("source"))).not.toContain("rare");
    dataOf(await app.gql(ATTACH, { id: a.rare.id, tags: ["harbour"] }, editor));
    expect((await entries("source")).find((entry) => entry.item.slug === "rare")?.reason).toBe("SHARED_TAGS");
  });

  it("returns the page keys of every article whose stored list changed", async () => {
    let purged: string[] = [];
    const writes = new ArticleWrites(app.dataSource)
      .use(relatedNewsHook())
      .use({ afterCommit: (_changes, keys) => void (purged = keys) as unknown as Promise<void> });
    const tags = new TagEditorService(app.dataSource, () => Promise.resolve(), writes);
    await tags.detach(a.common2.id, ["city"]);
    // common-2 leaves the lists of the articles sharing only that tag with it; the unrelated fillers are untouched.
    expect(purged).toEqual(expect.arrayContaining([`related:${a.source.id}`, `related:${a.common1.id}`]));
    expect(purged).not.toContain(`related:${a["filler-0"]!.id}`);
    expect(await stored(a.source)).not.toContain("common-2");
    purged = [];
    await tags.attach(a.common2.id, ["city"]);
    expect(purged).toEqual(expect.arrayContaining([`related:${a.source.id}`]));
    expect(await stored(a.source)).toContain("common-2");
  });

  it("lets editors exclude an article from another's computed list, and include it again", async () => {
    dataOf(await app.gql(EXCLUDE, { a: a.source.id, t: a.author.id }, editor));
    expect(slugsOf(await entries("source"))).not.toContain("author");
    dataOf(await app.gql(EXCLUDE, { a: a.source.id, t: a.author.id }, editor)); // twice is fine
    dataOf(await app.gql(INCLUDE, { a: a.source.id, t: a.author.id }, editor));
    expect(slugsOf(await entries("source"))).toContain("author");

    const reader = await app.gql(EXCLUDE, { a: a.source.id, t: a.author.id });
    expect(reader.body.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    const self = await app.gql(EXCLUDE, { a: a.source.id, t: a.source.id }, editor);
    expect(self.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const badId = await app.gql(EXCLUDE, { a: a.source.id, t: "nope" }, editor);
    expect(badId.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(badId.body.errors)).toContain("targetId");
    const missing = await app.gql(EXCLUDE, { a: a.source.id, t: "00000000-0000-4000-8000-000000000000" }, editor);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("leaves the article and its related news out of its latest news, and still fills the page", async () => {
    const visible = (
      (await app.dataSource.query(
        "SELECT slug FROM articles WHERE status IN ('PUBLISHED', 'SCHEDULED') AND published_at <= now() ORDER BY published_at DESC, id DESC",
      )) as Array<{ slug: string }>
    ).map((row) => row.slug);
    const current = await page("source");
    const related = new Set(slugsOf(current.relatedNews));
    const expected = visible.filter((slug) => slug !== "source" && !related.has(slug));
    // Walk every page of 4: no repeat, no gap, full pages.
    const walked: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const latest: { nodes: Array<{ slug: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } } = (
        await page("source", { first: 4, after })
      ).latestNews;
      walked.push(...latest.nodes.map((node) => node.slug));
      if (latest.pageInfo.hasNextPage) expect(latest.nodes).toHaveLength(4);
      if (!latest.pageInfo.hasNextPage) break;
      after = latest.pageInfo.endCursor;
    }
    expect(walked).toEqual(expected);
    expect(walked.length).toBeGreaterThan(8);
    const plain = (await page("source", { first: 20, dedupe: false })).latestNews.nodes.map(
      (n: { slug: string }) => n.slug,
    );
    expect(plain).toEqual(visible.filter((slug) => slug !== "source").slice(0, 20));
  });

  it("serves related, relatedNews and latestNews in one statement, and the loaders in a bounded number", async () => {
    for (const first of [3, 20]) {
      const fast = await app.gql(PAGE, { slug: "source", first });
      expect(dataOf(fast).article.latestNews.nodes.length).toBeGreaterThan(0);
      expect(fast.statements).toBe(1);
    }
    const counts = new Set<number>();
    for (const first of [3, 20]) {
      const slow = await postGraphQL(loadersUrl, PAGE, { slug: "source", first });
      dataOf(slow);
      counts.add(slow.statements);
    }
    expect(counts.size).toBe(1);
    expect([...counts][0]).toBeLessThanOrEqual(6);
  });

  it("keeps listed_article_tags equal to the listed articles' tags through publishes, unpublishes and retags", async () => {
    // By now the tests above have published, unpublished, tagged and untagged through the API and the factories.
    const rows = async (sql: string) =>
      ((await app.dataSource.query(sql)) as Array<{ row: string }>).map((r) => r.row).sort();
    const kept = await rows(`SELECT concat_ws(' ', article_id, tag_id, published_at) AS row FROM listed_article_tags`);
    const expected = await rows(
      `SELECT concat_ws(' ', t.article_id, t.tag_id, a.published_at) AS row FROM article_tags t
         JOIN articles a ON a.id = t.article_id WHERE a.status IN ('PUBLISHED', 'SCHEDULED')`,
    );
    expect(kept).toEqual(expected);
    expect(kept.length).toBeGreaterThan(5);
  });

  it("answers the same on the look-ahead and the loaders paths", async () => {
    const documents: Array<[string, Record<string, unknown>, Record<string, string>]> = [
      [PAGE, { slug: "source" }, {}],
      [PAGE, { slug: "source", first: 4, dedupe: false }, {}],
      [PAGE, { slug: "source" }, editor],
      [PAGE, { slug: "rare", first: 2 }, {}],
      [
        `{ latestNews(first: 6) { nodes { slug relatedNews(first: 3) { reason score item { ... on Article { slug relatedNews(first: 2) { reason item { __typename } } } } } latestNews(first: 2) { nodes { slug } } } } }`,
        {},
        {},
      ],
      [`query ($slug: String!) { article(slug: $slug) { relatedNews(first: 0) { reason } } }`, { slug: "source" }, {}],
    ];
    for (const [document, variables, headers] of documents) {
      const fast: GraphQLResponse = await app.gql(document, variables, headers);
      const slow: GraphQLResponse = await postGraphQL(loadersUrl, document, variables, headers);
      expect(fast.body).toEqual(slow.body);
      expect(fast.status).toBe(slow.status);
    }
  });
});
