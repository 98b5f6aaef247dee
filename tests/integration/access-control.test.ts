import { ArticleStatus } from "../../src/modules/articles/article.entity";
import { ApiKeyService } from "../../src/modules/auth/api-key.service";
import { PreviewTokens } from "../../src/modules/auth/preview-token";
import { Role } from "../../src/modules/auth/viewer";
import { createArticle, createAuthor, minutesAgo } from "../helpers/factories";
import { bearer, dataOf, startTestApp, type TestApp } from "../helpers/test-app";

const CREATE_TAG = `mutation { createTag(name: "Guarded") { slug } }`;
const CREATE_AUTHOR = `mutation { createAuthor(input: { name: "New Person" }) { slug } }`;

describe("access control", () => {
  let app: TestApp;
  let editorKey: string;
  let adminKey: string;

  beforeAll(async () => {
    app = await startTestApp();
    editorKey = await app.createKey(Role.EDITOR);
    adminKey = await app.createKey(Role.ADMIN);
  });
  afterAll(() => app.close());

  it("answers a protected operation without a key with 401 UNAUTHENTICATED, and writes nothing", async () => {
    const tags = () => app.dataSource.query("SELECT count(*)::int AS n FROM tags");
    const before = await tags();
    const response = await app.gql(CREATE_TAG);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
    expect(await tags()).toEqual(before);
  });

  it.each([
    ["an unknown key", "Bearer byl_" + "A".repeat(43)],
    ["a malformed key", "Bearer not-a-key"],
    ["another scheme", `Basic ${Buffer.from("a:b").toString("base64")}`],
  ])("refuses %s with 401, never echoing it", async (_label, authorization) => {
    const response = await app.gql(`{ tags { slug } }`, {}, { authorization });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
    expect(JSON.stringify(response.body)).not.toContain(authorization.split(" ")[1]);
  });

  it("refuses a revoked key", async () => {
    const service = new ApiKeyService(app.dataSource);
    const { key, record } = await service.create("leaver", Role.EDITOR);
    expect((await app.gql(CREATE_TAG, {}, bearer(key))).status).toBe(200);
    expect(await service.revoke(record.prefix)).toBe(1);
    const response = await app.gql(CREATE_TAG, {}, bearer(key));
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).not.toContain(key);
  });

  it("answers an editor on an admin operation with 403 FORBIDDEN; an admin may", async () => {
    const forbidden = await app.gql(CREATE_AUTHOR, {}, bearer(editorKey));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.errors?.[0]?.extensions.code).toBe("FORBIDDEN");
    expect(dataOf(await app.gql(CREATE_AUTHOR, {}, bearer(adminKey)))).toEqual({
      createAuthor: { slug: "new-person" },
    });
  });

  it("stores only a hash of each key", async () => {
    const rows: Array<{ key_hash: string; prefix: string }> = await app.dataSource.query(
      "SELECT key_hash, prefix FROM api_keys",
    );
    for (const row of rows) {
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect([editorKey, adminKey]).not.toContain(row.key_hash);
      expect(row.prefix).toHaveLength(10);
    }
  });

  it("hides revisions from readers", async () => {
    await createArticle(app.dataSource, { slug: "public-one" });
    const response = await app.gql(`{ article(slug: "public-one") { title revisions { version } } }`);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
  });
});

describe("editors see every article; readers only what is published", () => {
  let app: TestApp;
  let editor: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp();
    editor = bearer(await app.createKey(Role.EDITOR));
    const author = await createAuthor(app.dataSource, { slug: "desk" });
    await createArticle(app.dataSource, { slug: "live", author, publishedAt: minutesAgo(10) });
    await createArticle(app.dataSource, { slug: "draft", author, status: ArticleStatus.DRAFT, publishedAt: null });
    await createArticle(app.dataSource, {
      slug: "scheduled",
      author,
      status: ArticleStatus.SCHEDULED,
      publishedAt: new Date(Date.now() + 3_600_000),
    });
  });
  afterAll(() => app.close());

  const PATHS = `{
    latestNews(first: 10) { nodes { slug status } }
    author(slug: "desk") { articles(first: 10) { nodes { slug } } }
    draft: article(slug: "draft") { slug }
    drafts: articles(first: 10, filter: { status: DRAFT }) { nodes { slug } }
    scheduled: articles(first: 10, filter: { status: SCHEDULED }) { nodes { slug } }
  }`;

  it("shows drafts and scheduled articles to an editor on every read path, ordered with the rest", async () => {
    const data = dataOf(await app.gql(PATHS, {}, editor));
    expect(data.latestNews.nodes).toEqual([
      { slug: "scheduled", status: "SCHEDULED" },
      { slug: "draft", status: "DRAFT" },
      { slug: "live", status: "PUBLISHED" },
    ]);
    expect(data.author.articles.nodes.map((n: { slug: string }) => n.slug)).toEqual(["scheduled", "draft", "live"]);
    expect(data.draft).toEqual({ slug: "draft" });
    expect(data.drafts.nodes).toEqual([{ slug: "draft" }]);
    expect(data.scheduled.nodes).toEqual([{ slug: "scheduled" }]);
  });

  it("shows a reader none of them", async () => {
    const data = dataOf(await app.gql(PATHS));
    expect(data.latestNews.nodes).toEqual([{ slug: "live", status: "PUBLISHED" }]);
    expect(data.author.articles.nodes).toEqual([{ slug: "live" }]);
    expect(data.draft).toBeNull();
    expect(data.drafts.nodes).toEqual([]);
    expect(data.scheduled.nodes).toEqual([]);
  });

  it("pages an editor's feed, drafts included, with every article exactly once", async () => {
    const first = dataOf(
      await app.gql(`{ latestNews(first: 2) { nodes { slug } pageInfo { endCursor hasNextPage } } }`, {}, editor),
    );
    const second = dataOf(
      await app.gql(
        `query ($a: String) { latestNews(first: 2, after: $a) { nodes { slug } pageInfo { hasNextPage } } }`,
        { a: first.latestNews.pageInfo.endCursor },
        editor,
      ),
    );
    expect([...first.latestNews.nodes, ...second.latestNews.nodes].map((n: { slug: string }) => n.slug)).toEqual([
      "scheduled",
      "draft",
      "live",
    ]);
    expect(second.latestNews.pageInfo.hasNextPage).toBe(false);
  });
});

describe("preview tokens", () => {
  let app: TestApp;
  let editor: Record<string, string>;
  let draftId: string;

  beforeAll(async () => {
    app = await startTestApp();
    editor = bearer(await app.createKey(Role.EDITOR));
    draftId = (
      await createArticle(app.dataSource, { slug: "secret-draft", status: ArticleStatus.DRAFT, publishedAt: null })
    ).id;
  });
  afterAll(() => app.close());

  const PREVIEW = `query ($token: String!) { articlePreview(token: $token) { slug status } }`;
  const createToken = async (minutes = 60) =>
    dataOf(
      await app.gql(
        `mutation ($id: ID!, $m: Int!) { createArticlePreview(id: $id, minutes: $m) { token expiresAt } }`,
        { id: draftId, m: minutes },
        editor,
      ),
    ).createArticlePreview;

  it("shows one draft to anyone holding a valid token, without a key", async () => {
    const { token, expiresAt } = await createToken(30);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(dataOf(await app.gql(PREVIEW, { token }))).toEqual({
      articlePreview: { slug: "secret-draft", status: "DRAFT" },
    });
  });

  it("refuses a tampered token and one signed with another secret", async () => {
    const { token } = await createToken();
    const [payload, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ a: draftId, exp: 4102444800 })).toString("base64url");
    for (const bad of [`${forged}.${signature}`, `${payload}.${signature!.slice(0, -2)}xx`, "garbage"]) {
      const response = await app.gql(PREVIEW, { token: bad });
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        violations: [{ field: "token" }],
      });
    }
  });

  it("refuses an expired token", async () => {
    const expired = new PreviewTokens(app.previewSecret).sign(draftId, new Date(Date.now() - 1000));
    const response = await app.gql(PREVIEW, { token: expired });
    expect(response.body.errors?.[0]?.extensions.violations).toEqual([
      expect.objectContaining({ field: "token", rule: "expired" }),
    ]);
  });
});
