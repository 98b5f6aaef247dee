import { ArticleStatus } from "../../src/modules/articles/article.entity";
import { Role } from "../../src/modules/auth/viewer";
import { createArticle, createAuthor, createTag } from "../helpers/factories";
import { bearer, dataOf, startTestApp, type TestApp } from "../helpers/test-app";

const CREATE = `mutation ($input: CreateArticleInput!) {
  createArticle(input: $input) { id slug title status version wordCount readingTimeMinutes bodyHtml publishedAt author { slug } }
}`;
const UPDATE = `mutation ($input: UpdateArticleInput!) {
  updateArticle(input: $input) { id slug title excerpt body bodyHtml version thumbnail { url alt } }
}`;
const PUBLISH = `mutation ($id: ID!, $version: Int!, $at: DateTimeISO) {
  publishArticle(id: $id, version: $version, at: $at) { status publishedAt version }
}`;
const SET_RELATED = `mutation ($articleId: ID!, $links: [RelatedLinkInput!]!) {
  setRelatedLinks(articleId: $articleId, links: $links) {
    related { __typename ... on Article { slug } ... on ExternalLink { url title } }
  }
}`;
const RELATED_OF = `query ($slug: String!) { article(slug: $slug) { related { ... on Article { slug } ... on ExternalLink { url } } } }`;

describe("editing articles", () => {
  let app: TestApp;
  let editor: Record<string, string>;
  let authorId: string;

  beforeAll(async () => {
    app = await startTestApp();
    editor = bearer(await app.createKey(Role.EDITOR, "newsroom-cms"));
    authorId = (await createAuthor(app.dataSource, { slug: "lena" })).id;
  });
  afterAll(() => app.close());

  const create = async (input: Record<string, unknown>) =>
    dataOf(await app.gql(CREATE, { input: { authorId, ...input } }, editor)).createArticle;

  it("lists revisions of a whole page of articles in one statement, whatever the page size", async () => {
    for (let i = 0; i < 12; i++) {
      const draft = await create({ title: `Revised story ${i}`, slug: `revised-${i}` });
      await app.gql(
        UPDATE,
        { input: { id: draft.id, version: draft.version, title: `Revised story ${i}, v2` } },
        editor,
      );
    }
    const LIST = `query ($first: Int!) { articles(first: $first, filter: { status: DRAFT }) { nodes { slug revisions { version title } } } }`;
    const small = await app.gql(LIST, { first: 2 }, editor);
    const large = await app.gql(LIST, { first: 50 }, editor);
    const nodes = dataOf(large).articles.nodes.filter((n: { slug: string }) => n.slug.startsWith("revised-"));
    expect(nodes).toHaveLength(12);
    for (const node of nodes)
      expect(node.revisions).toEqual([{ version: 1, title: expect.stringMatching(/^Revised story \d+$/) }]);
    // The key, the page (one look-ahead statement), the revisions of every article on it (one batch).
    expect(small.statements).toBe(3);
    expect(large.statements).toBe(3);
  });

  it("creates a draft with a slug made from the title, derived fields and rendered HTML", async () => {
    const article = await create({ title: "Café owners fight the new rent rules!", body: "## Why\n\nOne two three." });
    expect(article).toMatchObject({
      slug: "cafe-owners-fight-the-new-rent-rules",
      status: ArticleStatus.DRAFT,
      version: 1,
      wordCount: 4,
      readingTimeMinutes: 1,
      publishedAt: null,
      author: { slug: "lena" },
    });
    expect(article.bodyHtml).toBe("<h2>Why</h2>\n<p>One two three.</p>\n");
    // The same title again gets the next free slug; an explicit taken slug is a CONFLICT.
    expect((await create({ title: "Café owners fight the new rent rules!" })).slug).toBe(
      "cafe-owners-fight-the-new-rent-rules-2",
    );
    const taken = await app.gql(
      CREATE,
      { input: { authorId, title: "x", slug: "cafe-owners-fight-the-new-rent-rules" } },
      editor,
    );
    expect(taken.body.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "slug" });
  });

  it("stores a body with an XSS payload, and serves its HTML without anything executable", async () => {
    const body =
      'Hi <script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3)) <a href="https://ok.example">ok</a>';
    const article = await create({ title: "Hostile body", body });
    // The refused Markdown link stays as harmless text; no element may carry it.
    expect(article.bodyHtml).not.toMatch(/<script|onerror|(href|src)\s*=\s*"?javascript:/i);
    expect(article.bodyHtml).toContain("[x](javascript:alert(3))");
    expect(article.bodyHtml).toContain('<a href="https://ok.example" rel="noopener noreferrer">ok</a>');
  });

  it("names the field and the rule of every invalid input", async () => {
    const response = await app.gql(
      CREATE,
      { input: { authorId: "nope", title: "", slug: "Not A Slug", thumbnail: { url: "javascript:alert(1)" } } },
      editor,
    );
    expect(response.status).toBe(200);
    const [error] = response.body.errors!;
    expect(error!.extensions.code).toBe("BAD_USER_INPUT");
    const rules = error!.extensions.violations.map((v: { field: string; rule: string }) => `${v.field}:${v.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining(["authorId:isUuid", "title:isLength", "slug:matches", "thumbnail.url:isUrl"]),
    );
    expect(response.body.data).toBeNull();
  });

  it("refuses an unknown author with a coded error and writes nothing", async () => {
    const before = await app.dataSource.query("SELECT count(*)::int AS n FROM articles");
    const response = await app.gql(
      CREATE,
      { input: { authorId: "7d6b1b8e-5c1a-4c39-9f0e-3f1c2b8a9d10", title: "Orphan" } },
      editor,
    );
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      violations: [{ field: "authorId" }],
    });
    expect(await app.dataSource.query("SELECT count(*)::int AS n FROM articles")).toEqual(before);
  });

  it("updates only the fields given, bumps the version, keeps a revision and restores it", async () => {
    const article = await create({ title: "First headline", excerpt: "First excerpt.", body: "Old body." });
    const updated = dataOf(
      await app.gql(
        UPDATE,
        { input: { id: article.id, version: 1, title: "Second headline", body: "New **body**." } },
        editor,
      ),
    ).updateArticle;
    expect(updated).toMatchObject({ title: "Second headline", excerpt: "First excerpt.", version: 2 });
    expect(updated.bodyHtml).toContain("<strong>body</strong>");

    const revisions = dataOf(
      await app.gql(
        `query ($id: ID!) { article(id: $id) { revisions { id version title body replacedBy } } }`,
        { id: article.id },
        editor,
      ),
    ).article.revisions;
    expect(revisions).toEqual([
      { id: expect.any(String), version: 1, title: "First headline", body: "Old body.", replacedBy: "newsroom-cms" },
    ]);

    const restored = dataOf(
      await app.gql(
        `mutation ($id: ID!, $r: ID!) { restoreArticleRevision(id: $id, version: 2, revisionId: $r) { title body version revisions { version } } }`,
        { id: article.id, r: revisions[0].id },
        editor,
      ),
    ).restoreArticleRevision;
    expect(restored).toMatchObject({
      title: "First headline",
      body: "Old body.",
      version: 3,
      revisions: [{ version: 2 }, { version: 1 }],
    });
  });

  it("rejects null for a field that cannot be empty instead of erasing it", async () => {
    const article = await create({ title: "Keep me" });
    const response = await app.gql(UPDATE, { input: { id: article.id, version: 1, title: null } }, editor);
    expect(response.body.errors?.[0]?.extensions.violations).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: "title", rule: "isString" })]),
    );
  });

  it("fails a stale version with CONFLICT and the current version, changing nothing", async () => {
    const article = await create({ title: "Contested" });
    dataOf(await app.gql(UPDATE, { input: { id: article.id, version: 1, title: "Winner" } }, editor));
    const stale = await app.gql(UPDATE, { input: { id: article.id, version: 1, title: "Loser" } }, editor);
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "version", currentVersion: 2 });
    const stored = dataOf(
      await app.gql(`query ($id: ID!) { article(id: $id) { title version } }`, { id: article.id }, editor),
    );
    expect(stored.article).toEqual({ title: "Winner", version: 2 });
  });

  it("publishes now, schedules for later, unpublishes and archives", async () => {
    const article = await create({ title: "Lifecycle" });
    const published = dataOf(await app.gql(PUBLISH, { id: article.id, version: 1 }, editor)).publishArticle;
    expect(published).toMatchObject({ status: "PUBLISHED", version: 2 });
    expect(Date.parse(published.publishedAt)).toBeLessThanOrEqual(Date.now());

    const later = new Date(Date.now() + 86_400_000).toISOString();
    expect(dataOf(await app.gql(PUBLISH, { id: article.id, version: 2, at: later }, editor)).publishArticle).toEqual({
      status: "SCHEDULED",
      publishedAt: later,
      version: 3,
    });
    const unpublished = dataOf(
      await app.gql(
        `mutation ($id: ID!) { unpublishArticle(id: $id, version: 3) { status publishedAt } }`,
        { id: article.id },
        editor,
      ),
    );
    expect(unpublished.unpublishArticle).toEqual({ status: "DRAFT", publishedAt: null });
    const archived = dataOf(
      await app.gql(
        `mutation ($id: ID!) { archiveArticle(id: $id, version: 4) { status } }`,
        { id: article.id },
        editor,
      ),
    );
    expect(archived.archiveArticle).toEqual({ status: "ARCHIVED" });
  });

  it("deletes an article, and says NOT_FOUND for one that is gone", async () => {
    const article = await create({ title: "Short-lived" });
    const query = `mutation ($id: ID!) { deleteArticle(id: $id) }`;
    expect(dataOf(await app.gql(query, { id: article.id }, editor))).toEqual({ deleteArticle: article.id });
    const again = await app.gql(query, { id: article.id }, editor);
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
  });

  describe("related news", () => {
    it("replaces the ordered list, articles and external links together", async () => {
      const [main, a, b] = await Promise.all(
        ["rel-main", "rel-a", "rel-b"].map((slug) => createArticle(app.dataSource, { slug })),
      );
      const links = [
        { articleId: b!.id },
        { url: "https://www.who.int/news", title: "WHO news" },
        { articleId: a!.id },
      ];
      const result = dataOf(await app.gql(SET_RELATED, { articleId: main!.id, links }, editor)).setRelatedLinks;
      expect(result.related).toEqual([
        { __typename: "Article", slug: "rel-b" },
        { __typename: "ExternalLink", url: "https://www.who.int/news", title: "WHO news" },
        { __typename: "Article", slug: "rel-a" },
      ]);

      const move = `mutation ($id: ID!) { moveRelatedLink(articleId: $id, position: 2, to: 0) { id } }`;
      dataOf(await app.gql(move, { id: main!.id }, editor));
      const remove = `mutation ($id: ID!) { removeRelatedLink(articleId: $id, position: 1) { id } }`;
      dataOf(await app.gql(remove, { id: main!.id }, editor));
      const add = `mutation ($id: ID!, $link: RelatedLinkInput!) { addRelatedLink(articleId: $id, link: $link, position: 1) { id } }`;
      dataOf(
        await app.gql(add, { id: main!.id, link: { url: "https://ec.europa.eu/eurostat", title: "Eurostat" } }, editor),
      );
      expect(dataOf(await app.gql(RELATED_OF, { slug: "rel-main" })).article.related).toEqual([
        { slug: "rel-a" },
        { url: "https://ec.europa.eu/eurostat" },
        { url: "https://www.who.int/news" },
      ]);
    });

    it("refuses self links, duplicates, missing targets, half-given links and overlong lists, keeping the old list", async () => {
      const [main, a] = await Promise.all(
        ["guard-main", "guard-a"].map((slug) => createArticle(app.dataSource, { slug })),
      );
      dataOf(await app.gql(SET_RELATED, { articleId: main!.id, links: [{ articleId: a!.id }] }, editor));
      const cases: Array<[unknown[], string, string]> = [
        [[{ articleId: main!.id }], "links[0].articleId", "notSelf"],
        [[{ articleId: a!.id }, { articleId: a!.id }], "links[1]", "unique"],
        [[{ articleId: "7d6b1b8e-5c1a-4c39-9f0e-3f1c2b8a9d10" }], "links[0].articleId", "exists"],
        [[{ url: "https://x.example/only-url" }], "links[0]", "oneTarget"],
        [[{ url: "ftp://x.example/file", title: "FTP" }], "links", "isUrl"],
        [
          Array.from({ length: 21 }, (_, i) => ({ url: `https://x.example/${i}`, title: `${i}` })),
          "links",
          "arrayMaxSize",
        ],
      ];
      for (const [links, field, rule] of cases) {
        const response = await app.gql(SET_RELATED, { articleId: main!.id, links }, editor);
        const violations = response.body.errors?.[0]?.extensions.violations ?? [];
        expect({ links, violations }).toEqual({
          links,
          violations: expect.arrayContaining([
            expect.objectContaining({ field: expect.stringContaining(field), rule }),
          ]),
        });
      }
      expect(dataOf(await app.gql(RELATED_OF, { slug: "guard-main" })).article.related).toEqual([{ slug: "guard-a" }]);
    });
  });

  describe("tags", () => {
    it("creates, renames, attaches and detaches tags; a taken slug is a CONFLICT", async () => {
      const article = await createArticle(app.dataSource, { slug: "tagged" });
      const created = dataOf(
        await app.gql(`mutation { createTag(name: "Urban Transport") { id slug name } }`, {}, editor),
      ).createTag;
      expect(created).toMatchObject({ slug: "urban-transport", name: "Urban Transport" });
      const dup = await app.gql(`mutation { createTag(name: "Again", slug: "urban-transport") { id } }`, {}, editor);
      expect(dup.body.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "slug" });

      const renamed = dataOf(
        await app.gql(
          `mutation ($id: ID!) { renameTag(id: $id, name: "Transit", slug: "transit") { slug name } }`,
          { id: created.id },
          editor,
        ),
      );
      expect(renamed.renameTag).toEqual({ slug: "transit", name: "Transit" });
      await createTag(app.dataSource, { slug: "city", name: "City" });
      const attach = `mutation ($id: ID!, $tags: [String!]!) { attachTags(articleId: $id, tags: $tags) { tags { slug } } }`;
      expect(
        dataOf(await app.gql(attach, { id: article.id, tags: ["transit", "city"] }, editor)).attachTags.tags,
      ).toEqual([{ slug: "city" }, { slug: "transit" }]);
      const unknown = await app.gql(attach, { id: article.id, tags: ["nope"] }, editor);
      expect(unknown.body.errors?.[0]?.extensions.violations).toEqual([
        expect.objectContaining({ field: "tags", rule: "exists" }),
      ]);
      const detach = `mutation ($id: ID!) { detachTags(articleId: $id, tags: ["city"]) { tags { slug } } }`;
      expect(dataOf(await app.gql(detach, { id: article.id }, editor)).detachTags.tags).toEqual([{ slug: "transit" }]);
    });
  });
});

describe("editing authors", () => {
  let app: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp();
    admin = bearer(await app.createKey(Role.ADMIN));
  });
  afterAll(() => app.close());

  it("creates and updates authors with version checks", async () => {
    const created = dataOf(
      await app.gql(
        `mutation { createAuthor(input: { name: "Åsa Berg", bio: "Science." }) { id slug version } }`,
        {},
        admin,
      ),
    ).createAuthor;
    expect(created).toMatchObject({ slug: "asa-berg", version: 1 });
    const update = `mutation ($id: ID!, $v: Int!) { updateAuthor(input: { id: $id, version: $v, bio: "Climate." }) { bio version } }`;
    expect(dataOf(await app.gql(update, { id: created.id, v: 1 }, admin)).updateAuthor).toEqual({
      bio: "Climate.",
      version: 2,
    });
    const stale = await app.gql(update, { id: created.id, v: 1 }, admin);
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
  });

  it("refuses to delete an author with articles unless they are reassigned", async () => {
    const [leaving, staying] = [await createAuthor(app.dataSource), await createAuthor(app.dataSource)];
    const article = await createArticle(app.dataSource, { author: leaving });
    const refused = await app.gql(`mutation ($id: ID!) { deleteAuthor(id: $id) }`, { id: leaving.id }, admin);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining("1 article"),
      extensions: { code: "CONFLICT", field: "reassignTo" },
    });
    const done = await app.gql(
      `mutation ($id: ID!, $to: ID!) { deleteAuthor(id: $id, reassignTo: $to) }`,
      { id: leaving.id, to: staying.id },
      admin,
    );
    expect(dataOf(done)).toEqual({ deleteAuthor: leaving.id });
    const moved = await app.dataSource.query("SELECT author_id FROM articles WHERE id = $1", [article.id]);
    expect(moved).toEqual([{ author_id: staying.id }]);
  });
});
