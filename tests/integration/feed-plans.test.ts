import type { DataSource } from "typeorm";

import { createDataSource } from "../../src/database/data-source";
import { Viewer } from "../../src/modules/auth/viewer";
import { articleStatement, feedStatement } from "../../src/modules/news-feed/reader-pages";
import { createArticle, createAuthor, minutesAgo } from "../helpers/factories";
import { createIsolatedDatabase } from "../helpers/test-database";

/**
 * The readers' partial indexes are built from the visibility rule's own predicate; this checks that the statements
 * Byline sends can use them (the predicate implies the index's), whatever the planner picks for a tiny table: with
 * sequential scans and sorts priced out, a statement the index could not serve would show another plan.
 */
describe("reader statements use the readers' partial indexes", () => {
  let database: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let authorSlug: string;
  const row = { sql: "json_build_array(a.id)", values: [] };
  const reader = Viewer.anonymous;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    dataSource = createDataSource({ url: database.url, poolMax: 1 });
    await dataSource.initialize();
    const author = await createAuthor(dataSource, { slug: "plan-author" });
    authorSlug = author.slug;
    for (let i = 0; i < 5; i++) await createArticle(dataSource, { author, publishedAt: minutesAgo(i) });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function planOf({ text, params }: { text: string; params: { values: unknown[] } }): Promise<string> {
    return dataSource.transaction(async (manager) => {
      await manager.query("SET LOCAL enable_seqscan = off");
      await manager.query("SET LOCAL enable_sort = off");
      const plan: Array<{ "QUERY PLAN": string }> = await manager.query(`EXPLAIN ${text}`, params.values);
      return plan.map((line) => line["QUERY PLAN"]).join("\n");
    });
  }

  it("a feed page walks articles_feed_idx backwards, also after a cursor", async () => {
    const first = await planOf(feedStatement(reader, 21, null, {}, row));
    expect(first).toMatch(/Index (Only )?Scan Backward using articles_feed_idx/);
    const after = { key: new Date().toISOString(), id: "ffffffff-ffff-4fff-bfff-ffffffffffff" };
    const next = await planOf(feedStatement(reader, 21, after, {}, row));
    expect(next).toMatch(/Index (Only )?Scan Backward using articles_feed_idx/);
    expect(next).toMatch(/Index Cond: .*ROW\(published_at, id\) < ROW/);
  });

  it("an author's feed walks articles_author_feed_idx", async () => {
    const plan = await planOf(feedStatement(reader, 21, null, { authorSlug }, row));
    expect(plan).toMatch(/Index (Only )?Scan Backward using articles_author_feed_idx/);
  });

  it("the article page finds its article by the slug index", async () => {
    const plan = await planOf(articleStatement(reader, "slug", "some-slug", row));
    expect(plan).toMatch(/Index (Only )?Scan using articles_slug_key/);
  });
});
