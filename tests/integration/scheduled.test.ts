import { ArticleStatus } from "../../src/modules/articles/article.entity";
import { Role } from "../../src/modules/auth/viewer";
import { createArticle } from "../helpers/factories";
import { bearer, dataOf, startTestApp, type TestApp } from "../helpers/test-app";

const READER_VIEW = `{
  article(slug: "embargoed") { slug status }
  latestNews(first: 5) { nodes { slug } }
}`;

describe("scheduled publishing", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it("shows a scheduled article to readers from its publication time on, with no job running", async () => {
    const editor = bearer(await app.createKey(Role.EDITOR));
    const article = await createArticle(app.dataSource, {
      slug: "embargoed",
      status: ArticleStatus.DRAFT,
      publishedAt: null,
    });
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000);
    const scheduled = dataOf(
      await app.gql(
        `mutation ($id: ID!, $at: DateTimeISO!) { publishArticle(id: $id, version: 1, at: $at) { status publishedAt } }`,
        { id: article.id, at: at.toISOString() },
        editor,
      ),
    );
    expect(scheduled.publishArticle).toEqual({ status: "SCHEDULED", publishedAt: at.toISOString() });

    expect(Date.now()).toBeLessThan(at.getTime());
    expect(dataOf(await app.gql(READER_VIEW))).toEqual({ article: null, latestNews: { nodes: [] } });

    await new Promise((resolve) => setTimeout(resolve, at.getTime() - Date.now() + 50));
    expect(dataOf(await app.gql(READER_VIEW))).toEqual({
      article: { slug: "embargoed", status: "PUBLISHED" },
      latestNews: { nodes: [{ slug: "embargoed" }] },
    });
  });
});
