import "reflect-metadata";

import { DataSource } from "typeorm";

import { entities } from "../src/database/entities";
import { ArticleWrites } from "../src/modules/articles/article-writes";
import { relatedNewsHook } from "../src/modules/related-news/related-engine";

/**
 * Times the related-news hook of real writes on a filled database (each committed, then undone):
 * `DATABASE_URL=postgres://.../byline_bench_related SAMPLES=10 node -r @swc-node/register bench/related-writes.ts`.
 */
async function main() {
  const ds = new DataSource({ type: "postgres", url: process.env.DATABASE_URL, entities });
  await ds.initialize();
  const hook = relatedNewsHook();
  const timings: Record<string, number[]> = {};
  let current = "";
  const writes = new ArticleWrites(ds).use({
    async inTransaction(manager, changes) {
      const started = performance.now();
      const keys = await hook.inTransaction!(manager, changes);
      (timings[current] ??= []).push(performance.now() - started, (keys ?? []).length);
      return keys;
    },
  });
  const ids = (
    (await ds.query("SELECT id FROM articles WHERE status = 'PUBLISHED' ORDER BY md5(id::text) LIMIT $1", [
      Number(process.env.SAMPLES ?? 10),
    ])) as Array<{ id: string }>
  ).map((r) => r.id);
  const [{ tag }] = await ds.query("SELECT id AS tag FROM tags ORDER BY slug LIMIT 1");
  for (const id of ids) {
    const q = (sql: string) => writes.run([id], (m) => m.query(sql, [id]));
    current = "retitle";
    await q("UPDATE articles SET title = title || ' update' WHERE id = $1");
    current = "retitle-back";
    await q("UPDATE articles SET title = left(title, length(title) - 7) WHERE id = $1");
    current = "body-edit";
    await q("UPDATE articles SET excerpt = excerpt WHERE id = $1");
    current = "unpublish";
    await q("UPDATE articles SET status = 'DRAFT' WHERE id = $1");
    current = "publish";
    await q("UPDATE articles SET status = 'PUBLISHED' WHERE id = $1");
    current = "tag";
    const had = (await ds.query("SELECT 1 FROM article_tags WHERE article_id = $1 AND tag_id = $2", [id, tag])).length;
    if (!had) {
      await writes.run([id], (m) =>
        m.query("INSERT INTO article_tags (article_id, tag_id) VALUES ($1, $2)", [id, tag]),
      );
      current = "untag";
      await writes.run([id], (m) =>
        m.query("DELETE FROM article_tags WHERE article_id = $1 AND tag_id = $2", [id, tag]),
      );
    }
  }
  for (const [name, values] of Object.entries(timings)) {
    const ms = values.filter((_, i) => i % 2 === 0).sort((a, b) => a - b);
    const lists = values.filter((_, i) => i % 2 === 1);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `${name.padEnd(13)} n=${ms.length} median ${ms[Math.floor(ms.length / 2)]!.toFixed(1)} ms, max ${ms.at(-1)!.toFixed(1)} ms, mean ${avg(ms).toFixed(1)} ms; changed lists mean ${avg(lists).toFixed(1)}`,
    );
  }
  await ds.destroy();
}
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
