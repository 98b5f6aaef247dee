import { In } from "typeorm";

import { deriveBodyFields } from "../../src/modules/articles/article.body";
import { Article, ArticleStatus } from "../../src/modules/articles/article.entity";
import { Role } from "../../src/modules/auth/viewer";
import type { Author } from "../../src/modules/authors/author.entity";
import { MAX_QUERY_LENGTH } from "../../src/modules/search/search.types";
import { Tag } from "../../src/modules/tags/tag.entity";
import { createArticle, createAuthor, createTag, minutesAgo, tagArticle } from "../helpers/factories";
import { bearer, dataOf, startTestApp, type TestApp } from "../helpers/test-app";

const SEARCH = `query Search($query: String!, $first: Int, $after: String, $filter: SearchFilter) {
  search(query: $query, first: $first, after: $after, filter: $filter) {
    edges { cursor node { rank article { slug } highlights { title fragment } } }
    pageInfo { hasNextPage endCursor }
    didYouMean
  }
}`;

const SEARCH_WITH_RELATIONS = `query SearchWithRelations($query: String!, $first: Int) {
  search(query: $query, first: $first) {
    nodes { article { slug title author { name } tags { name } } }
  }
}`;

interface SearchPage {
  search: {
    edges: Array<{
      cursor: string;
      node: { rank: number; article: { slug: string }; highlights: { title: string; fragment: string } };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    didYouMean: string | null;
  };
}

const SEARCH_COUNT = `query SearchCount($query: String!, $filter: SearchFilter) {
  search(query: $query, first: 2, filter: $filter) { totalCount totalCountIsEstimate nodes { article { slug } } }
}`;

const UPDATE = `mutation Update($input: UpdateArticleInput!) { updateArticle(input: $input) { id version } }`;

const DAY = 24 * 60;

describe("full-text search", () => {
  let app: TestApp;
  let editor: Record<string, string>;
  let ada: Author;
  let climate: Tag;

  const search = async (variables: Record<string, unknown>, headers?: Record<string, string>) =>
    dataOf(await app.gql<SearchPage>(SEARCH, variables, headers)).search;
  const slugsOf = (page: SearchPage["search"]) => page.edges.map((edge) => edge.node.article.slug);

  beforeAll(async () => {
    app = await startTestApp();
    editor = bearer(await app.createKey(Role.EDITOR));
    ada = await createAuthor(app.dataSource, { slug: "ada", name: "Ada Lovelace" });
    const other = await createAuthor(app.dataSource, { slug: "bob", name: "Bob Smith" });
    climate = await createTag(app.dataSource, { slug: "climate", name: "Climate" });
    const housing = await createTag(app.dataSource, { slug: "housing", name: "Housing" });

    const budget = await createArticle(app.dataSource, {
      slug: "council-budget",
      title: "City council approves the budget",
      excerpt: "A long night at the town hall.",
      body: "## Vote\n\nThe **council** voted on Tuesday. See [the minutes](https://example.org/minutes) for details.",
      author: ada,
      publishedAt: minutesAgo(2 * DAY),
    });
    await tagArticle(app.dataSource, budget, housing);
    // "climate" appears only as the tag's name: the tag must be indexed with the article.
    const heat = await createArticle(app.dataSource, {
      slug: "heatwave",
      title: "Heatwave grips the region",
      excerpt: "Temperatures pass forty degrees.",
      body: "Farmers worry about their crops as the dry weeks go on.",
      author: other,
      publishedAt: minutesAgo(3 * DAY),
    });
    await tagArticle(app.dataSource, heat, climate);
    await createArticle(app.dataSource, {
      slug: "body-only",
      title: "Late night at the town hall",
      excerpt: "Nothing decided.",
      body: "The council could not agree, and the budget waits another week.",
      author: other,
      publishedAt: minutesAgo(2 * DAY),
    });
    await createArticle(app.dataSource, {
      slug: "fish",
      title: `Fish & <chips> "tonight"`,
      excerpt: "A seaside tradition.",
      body: "Fried fish, again.",
      publishedAt: minutesAgo(DAY),
    });
    await createArticle(app.dataSource, {
      slug: "secret-draft",
      title: "Secret merger talks",
      excerpt: "Not yet.",
      body: "The merger is not public.",
      status: ArticleStatus.DRAFT,
      publishedAt: null,
    });
    await createArticle(app.dataSource, {
      slug: "scheduled",
      title: "Budget of tomorrow",
      excerpt: "Soon.",
      body: "A scheduled budget story.",
      status: ArticleStatus.SCHEDULED,
      publishedAt: minutesAgo(-DAY),
    });
    // 30 articles about an election: 6 kinds (relevance x age), 5 of a kind with equal scores and publication times,
    // so a walk must break ties on the id.
    for (let i = 0; i < 30; i++) {
      const mentions = 1 + (i % 2);
      await createArticle(app.dataSource, {
        slug: `election-${i}`,
        title: `Report ${String(i).padStart(2, "0")} from the polls`,
        excerpt: "Polling stations opened early.",
        body: `${"The election goes on. ".repeat(mentions)}Queues formed outside.`,
        publishedAt: minutesAgo(10 + DAY * (i % 3)),
      });
    }
  });
  afterAll(() => app.close());

  describe("matching", () => {
    it("finds words in any form in the title, excerpt, body and tag names", async () => {
      expect(slugsOf(await search({ query: "councils" }))).toEqual(
        expect.arrayContaining(["council-budget", "body-only"]),
      );
      expect(slugsOf(await search({ query: "degrees" }))).toEqual(["heatwave"]);
      expect(slugsOf(await search({ query: "climate" }))).toEqual(["heatwave"]);
      expect(slugsOf(await search({ query: "farmers crops" }))).toEqual(["heatwave"]);
      // Words of two fields together: one in the title, one only a tag name.
      expect(slugsOf(await search({ query: "heatwave climate" }))).toEqual(["heatwave"]);
    });

    it("does not index link targets", async () => {
      expect(slugsOf(await search({ query: "example.org" }))).toEqual([]);
      expect(slugsOf(await search({ query: "minutes" }))).toEqual(["council-budget"]);
    });

    it("speaks web-search syntax: phrases, or, exclusion", async () => {
      expect(slugsOf(await search({ query: '"council approves"' }))).toEqual(["council-budget"]);
      expect(slugsOf(await search({ query: '"approves council"' }))).toEqual([]);
      expect(slugsOf(await search({ query: "council -budget" }))).toEqual([]);
      expect(slugsOf(await search({ query: "heatwave or fish" })).sort()).toEqual(["fish", "heatwave"]);
    });

    it("ranks a title match above a body-only match of the same age", async () => {
      const page = await search({ query: "council budget" });
      expect(slugsOf(page)).toEqual(["council-budget", "body-only"]);
      expect(page.edges[0]!.node.rank).toBeGreaterThan(page.edges[1]!.node.rank);
    });

    it("ranks the same text higher when it is newer", async () => {
      const page = await search({ query: "election", first: 50 });
      const rankOf = (slug: string) => page.edges.find((edge) => edge.node.article.slug === slug)!.node.rank;
      // One mention each (even i), published 0, 1 and 2 days ago (i % 3).
      expect(rankOf("election-0")).toBeGreaterThan(rankOf("election-4"));
      expect(rankOf("election-4")).toBeGreaterThan(rankOf("election-2"));
      const ranks = page.edges.map((edge) => edge.node.rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    });

    it("narrows by tag, author and publication time, with the feed's filter", async () => {
      expect(slugsOf(await search({ query: "council", filter: { author: "ada" } }))).toEqual(["council-budget"]);
      expect(slugsOf(await search({ query: "council", filter: { tag: "housing" } }))).toEqual(["council-budget"]);
      expect(slugsOf(await search({ query: "council", filter: { tag: "no-such-tag" } }))).toEqual([]);
      expect(slugsOf(await search({ query: "council", filter: { author: "nobody" } }))).toEqual([]);
      const fish = await search({ query: "fish or heatwave", filter: { publishedAfter: minutesAgo(2 * DAY) } });
      expect(slugsOf(fish)).toEqual(["fish"]);
      const heat = await search({ query: "fish or heatwave", filter: { publishedBefore: minutesAgo(2 * DAY) } });
      expect(slugsOf(heat)).toEqual(["heatwave"]);
    });
  });

  describe("visibility", () => {
    it("shows readers published articles only", async () => {
      expect(slugsOf(await search({ query: "merger" }))).toEqual([]);
      expect(slugsOf(await search({ query: "budget" })).sort()).toEqual(["body-only", "council-budget"]);
    });

    it("shows editors drafts and scheduled articles too", async () => {
      expect(slugsOf(await search({ query: "merger" }, editor))).toEqual(["secret-draft"]);
      expect(slugsOf(await search({ query: "budget" }, editor)).sort()).toEqual([
        "body-only",
        "council-budget",
        "scheduled",
      ]);
    });
  });

  describe("highlights", () => {
    it("marks the matched words in the title and a body fragment", async () => {
      const [hit] = (await search({ query: "council", filter: { author: "ada" } })).edges;
      expect(hit!.node.highlights.title).toBe("City <mark>council</mark> approves the budget");
      expect(hit!.node.highlights.fragment).toContain("<mark>council</mark> voted on Tuesday");
      // Markdown marks and link targets are not part of the text.
      expect(hit!.node.highlights.fragment).not.toMatch(/\*\*|##|https?:|\]\(/);
    });

    it("is safe HTML: the text escaped, <mark> the only markup", async () => {
      const [hit] = (await search({ query: "fish" })).edges;
      expect(hit!.node.highlights.title).toBe("<mark>Fish</mark> &amp; &lt;chips&gt; &quot;tonight&quot;");
      // A fragment runs from word to word (ts_headline leaves out edge punctuation and short words).
      expect(hit!.node.highlights.fragment).toBe("Fried <mark>fish</mark>, again");
    });

    it("cannot be forged by sentinel characters in the text", async () => {
      await createArticle(app.dataSource, {
        slug: "sentinels",
        title: "Zebra \u0001crossing\u0002 opened",
        body: "A zebra \u0002crossing\u0001.",
        publishedAt: minutesAgo(5),
      });
      const [hit] = (await search({ query: "zebra" })).edges;
      expect(hit!.node.highlights.title).toBe("<mark>Zebra</mark> crossing opened");
      expect(hit!.node.highlights.fragment).toBe("<mark>zebra</mark> crossing");
    });
  });

  describe("pagination", () => {
    async function walk(first: number, between?: () => Promise<void>): Promise<string[]> {
      const seen: string[] = [];
      let after: string | null = null;
      for (let pageNumber = 0; pageNumber < 100; pageNumber++) {
        const page: SearchPage["search"] = await search({ query: "election", first, after });
        seen.push(...slugsOf(page));
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
        if (!page.pageInfo.hasNextPage) return seen;
        after = page.pageInfo.endCursor;
        await between?.();
      }
      throw new Error("the search never ended");
    }

    it("walks every hit once, in the one-page order, page after page", async () => {
      const onePage = slugsOf(await search({ query: "election", first: 50 }));
      expect(onePage).toHaveLength(30);
      for (const first of [1, 4, 7]) {
        const walked = await walk(first);
        expect(walked).toEqual(onePage);
      }
    });

    it("neither repeats nor skips while new matches are published during the walk", async () => {
      const onePage = slugsOf(await search({ query: "election", first: 50 }));
      let added = 0;
      const walked = await walk(5, async () => {
        added += 1;
        // A better match than any, published after the walk began: it waits for the next walk.
        await createArticle(app.dataSource, {
          slug: `election-news-${added}`,
          title: "Election election election",
          body: "The election, the election.",
          publishedAt: new Date(),
        });
      });
      expect(new Set(walked).size).toBe(walked.length);
      expect(walked).toEqual(onePage);
      const fresh = slugsOf(await search({ query: "election", first: 3 }));
      expect(fresh[0]).toMatch(/^election-news-/);
      // Leave the walk's data as the other tests expect it.
      await app.dataSource
        .getRepository(Article)
        .delete({ slug: In([...Array(added).keys()].map((i) => `election-news-${i + 1}`)) });
    });

    it("rejects a cursor of another list, and a page size out of bounds", async () => {
      const feed = dataOf(await app.gql(`{ latestNews(first: 1) { pageInfo { endCursor } } }`));
      for (const after of [feed.latestNews.pageInfo.endCursor, "not-a-cursor"]) {
        const response = await app.gql(SEARCH, { query: "election", after });
        expect(response.body.errors?.[0]?.extensions).toMatchObject({
          code: "BAD_USER_INPUT",
          violations: [expect.objectContaining({ field: "after" })],
        });
      }
      for (const first of [0, 51]) {
        const response = await app.gql(SEARCH, { query: "election", first });
        expect(response.body.errors?.[0]?.extensions).toMatchObject({
          code: "BAD_USER_INPUT",
          violations: [expect.objectContaining({ field: "first" })],
        });
      }
    });
  });

  describe("bad input", () => {
    it.each([
      ["empty", ""],
      ["blank", "  \t "],
      ["too long", "a".repeat(MAX_QUERY_LENGTH + 1)],
    ])("answers a query that is %s with BAD_USER_INPUT naming `query`", async (_what, query) => {
      const response = await app.gql(SEARCH, { query });
      expect(response.status).toBeLessThan(500);
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors![0]!.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        violations: [expect.objectContaining({ field: "query" })],
      });
      expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|\.ts:\d+/);
    });

    it("answers a query of stop words only with an empty page", async () => {
      const page = await search({ query: "the and of" });
      expect(page).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, didYouMean: null });
    });

    it("takes punctuation and operators alone without an error", async () => {
      for (const query of ['"', "-", "or", "!!&|:*", "(council"]) {
        const response = await app.gql(SEARCH, { query });
        expect(response.body.errors).toBeUndefined();
      }
    });
  });

  describe("didYouMean", () => {
    it("suggests the closest known words when nothing matched", async () => {
      const page = await search({ query: "councel budgit" });
      expect(page.edges).toEqual([]);
      expect(page.didYouMean).toBe("council budget");
      expect(slugsOf(await search({ query: page.didYouMean! }))).toEqual(["council-budget", "body-only"]);
    });

    it("is null when something matched, or when nothing is close", async () => {
      expect((await search({ query: "council" })).didYouMean).toBeNull();
      expect((await search({ query: "xqzvw" })).didYouMean).toBeNull();
    });

    it("never suggests what only an article the viewer cannot see would match", async () => {
      expect((await search({ query: "mergr" })).didYouMean).toBeNull();
      expect((await search({ query: "mergr" }, editor)).didYouMean).toBe("merger");
    });
  });

  describe("the index follows the articles", () => {
    it("reindexes an edited body, a renamed tag, and forgets a deleted article", async () => {
      const article = await createArticle(app.dataSource, {
        slug: "editable",
        title: "Quiet harbour",
        body: "Boats.",
        publishedAt: minutesAgo(5),
      });
      await tagArticle(app.dataSource, article, climate);
      expect(slugsOf(await search({ query: "lighthouse" }))).toEqual([]);
      await app.dataSource.getRepository(Article).update(article.id, deriveBodyFields("A new lighthouse."));
      expect(slugsOf(await search({ query: "lighthouse" }))).toEqual(["editable"]);

      await app.dataSource.getRepository(Tag).update(climate.id, { name: "Weather" });
      expect(slugsOf(await search({ query: "weather" })).sort()).toEqual(["editable", "heatwave"]);
      expect(slugsOf(await search({ query: "climate" }))).toEqual([]);
      await app.dataSource.getRepository(Tag).update(climate.id, { name: "Climate" });

      await app.dataSource.getRepository(Article).delete(article.id);
      expect(slugsOf(await search({ query: "lighthouse" }))).toEqual([]);
    });

    it("never makes a write wait for another article's open transaction that brings the same new word", async () => {
      const first = await createArticle(app.dataSource, {
        slug: "pier-a",
        title: "Old pier",
        body: "Boards.",
        publishedAt: minutesAgo(5),
      });
      const second = await createArticle(app.dataSource, {
        slug: "pier-b",
        title: "New pier",
        body: "Boards.",
        publishedAt: minutesAgo(5),
      });
      expect(slugsOf(await search({ query: "quixotic" }))).toEqual([]);
      const open = app.dataSource.createQueryRunner();
      await open.connect();
      try {
        await open.startTransaction();
        await open.query(`UPDATE articles SET title = 'Quixotic pier', version = version + 1 WHERE id = $1`, [
          first.id,
        ]);
        // The same new word in another article, through the API, while the first transaction is still open: it
        // answers (a wait would end in the statement timeout's error instead).
        const response = await app.gql(
          UPDATE,
          { input: { id: second.id, version: second.version, title: "Quixotic pier too" } },
          editor,
        );
        expect(dataOf(response).updateArticle.version).toBe(second.version + 1);
        expect(slugsOf(await search({ query: "quixotic" }))).toEqual(["pier-b"]);
        await open.commitTransaction();
      } finally {
        if (open.isTransactionActive) await open.rollbackTransaction();
        await open.release();
      }
      expect(slugsOf(await search({ query: "quixotic" })).sort()).toEqual(["pier-a", "pier-b"]);
      // Both transactions listed the word; a correction reads it once.
      const [{ listed }] = await app.dataSource.query(
        `SELECT count(*)::int AS listed FROM search_words WHERE word = 'quixotic'`,
      );
      expect(listed).toBe(2);
      expect((await search({ query: "quixotik" })).didYouMean).toBe("quixotic");
    });
  });

  describe("totalCount", () => {
    const countOf = async (variables: Record<string, unknown>, headers?: Record<string, string>) => {
      const { totalCount, totalCountIsEstimate } = dataOf(await app.gql(SEARCH_COUNT, variables, headers)).search;
      return { totalCount, totalCountIsEstimate };
    };

    it("counts every match the viewer may see within the filter, all pages together", async () => {
      const walked = slugsOf(await search({ query: "election", first: 50 }));
      expect(await countOf({ query: "election" })).toEqual({ totalCount: walked.length, totalCountIsEstimate: false });
      expect(walked).toHaveLength(30);
      expect(await countOf({ query: "budget" })).toEqual({ totalCount: 2, totalCountIsEstimate: false });
      expect(await countOf({ query: "budget" }, editor)).toEqual({ totalCount: 3, totalCountIsEstimate: false });
      expect(await countOf({ query: "council", filter: { author: "ada" } })).toEqual({
        totalCount: 1,
        totalCountIsEstimate: false,
      });
      expect(await countOf({ query: "the and of" })).toEqual({ totalCount: 0, totalCountIsEstimate: false });
      expect(await countOf({ query: "xqzvw" })).toEqual({ totalCount: 0, totalCountIsEstimate: false });
    });

    it("is the planner's estimate past COUNT_EXACT_LIMIT", async () => {
      const bounded = await startTestApp({ COUNT_EXACT_LIMIT: "3" });
      try {
        for (let i = 0; i < 5; i++) {
          await createArticle(bounded.dataSource, { title: `Quokka sighting ${i}`, publishedAt: minutesAgo(10 + i) });
        }
        const exact = dataOf(
          await bounded.gql(SEARCH_COUNT, { query: "quokka", filter: { publishedAfter: minutesAgo(11.5) } }),
        );
        expect(exact.search).toMatchObject({ totalCount: 2, totalCountIsEstimate: false });
        const { search: page } = dataOf(await bounded.gql(SEARCH_COUNT, { query: "quokka" }));
        expect(page.totalCountIsEstimate).toBe(true);
        // The count stopped past the bound, and the estimate is at least what it counted.
        expect(page.totalCount).toBeGreaterThanOrEqual(4);
        expect(page.nodes).toHaveLength(2);
      } finally {
        await bounded.close();
      }
    });
  });

  describe("the article fields", () => {
    it("resolve on hits through the loaders, in the same statements for 2 hits and for 20", async () => {
      const small = await app.gql(SEARCH_WITH_RELATIONS, { query: "election", first: 2 });
      const large = await app.gql(SEARCH_WITH_RELATIONS, { query: "election", first: 20 });
      expect(dataOf(small).search.nodes).toHaveLength(2);
      expect(dataOf(large).search.nodes).toHaveLength(20);
      expect(small.statements).toBe(large.statements);
      expect(large.statements).toBeLessThanOrEqual(2);

      const budget = dataOf(await app.gql(SEARCH_WITH_RELATIONS, { query: "approves" })).search.nodes[0].article;
      expect(budget).toEqual({
        slug: "council-budget",
        title: "City council approves the budget",
        author: { name: "Ada Lovelace" },
        tags: [{ name: "Housing" }],
      });
      expect(ada.slug).toBe("ada");
    });
  });
});
