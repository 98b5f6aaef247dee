import { randomBytes } from "node:crypto";

import { Initial1795873047248 } from "../../migrations/1795873047248-Initial";
import { createDataSource } from "../../src/database/data-source";
import { openDatabase } from "../../src/database/database";
import { createDatabaseIfMissing } from "../../src/database/embedded-postgres";
import { adminUrl, databaseUrl, dropDatabase } from "../helpers/test-database";

/** More than one batch of the EditorialApi backfill (500 rows). */
const GENERATED = 600;

const BODIES = {
  plain: "## Budget\n\nThe **council** met. See [the plan](https://council.example.org/plan).",
  hostile:
    '<script>alert(1)</script>\n\n<img src="javascript:alert(2)" onerror="x"> and "quotes" -- (c)\n\nhttps://linkify.example/x',
};

/**
 * What the EditorialApi migration writes for articles that existed before it, as it wrote it when it was made. Its
 * renderer is frozen in the migration: these must not change when the live renderer (markdown.ts) does.
 */
const EXPECTED_HTML = {
  plain:
    '<h2>Budget</h2>\n<p>The <strong>council</strong> met. See <a href="https://council.example.org/plan" rel="noopener noreferrer">the plan</a>.</p>\n',
  hostile:
    '\n<p><img /> and “quotes” – ©</p>\n<p><a href="https://linkify.example/x" rel="noopener noreferrer">https://linkify.example/x</a></p>\n',
};

describe("migrating a database that has articles from before bodies were rendered on save", () => {
  const name = `byline_test_migrations_${randomBytes(6).toString("hex")}`;
  const url = databaseUrl(name);

  beforeAll(async () => {
    await createDatabaseIfMissing(adminUrl(), name);
    // The schema as the first migration left it, with articles written then (no body_html column yet).
    const before = createDataSource({ url, poolMax: 1 }).setOptions({ migrations: [Initial1795873047248] });
    await before.initialize();
    try {
      await before.runMigrations({ transaction: "each" });
      const [{ id: authorId }] = await before.query(
        `INSERT INTO authors (slug, name) VALUES ('early-author', 'Early Author') RETURNING id`,
      );
      await before.query(
        `INSERT INTO articles (slug, title, excerpt, body, author_id)
         VALUES ('plain', 'Plain', '', $1, $3), ('hostile', 'Hostile', '', $2, $3)`,
        [BODIES.plain, BODIES.hostile, authorId],
      );
      await before.query(
        `INSERT INTO articles (slug, title, excerpt, body, author_id)
         SELECT 'row-' || n, 'Row ' || n, '', 'Row **' || n || '**', $1 FROM generate_series(1, $2::int) AS n`,
        [authorId, GENERATED],
      );
    } finally {
      await before.destroy();
    }
  });
  afterAll(() => dropDatabase(name));

  it("applies the later migrations and renders every existing body to the HTML of its time", async () => {
    const database = await openDatabase({ databaseUrl: url }, { poolMax: 1, migrate: true });
    try {
      const rows: Array<{ slug: string; body_html: string }> = await database.dataSource.query(
        `SELECT slug, body_html FROM articles`,
      );
      const html = new Map(rows.map((row) => [row.slug, row.body_html]));
      expect(html.get("plain")).toBe(EXPECTED_HTML.plain);
      expect(html.get("hostile")).toBe(EXPECTED_HTML.hostile);
      const generated = rows.filter((row) => row.slug.startsWith("row-"));
      expect(generated).toHaveLength(GENERATED);
      for (const row of generated) expect(row.body_html).toBe(`<p>Row <strong>${row.slug.slice(4)}</strong></p>\n`);
      const pending = await database.dataSource.showMigrations();
      expect(pending).toBe(false);
    } finally {
      await database.close();
    }
  });
});

describe("instances starting together on an empty database", () => {
  const name = `byline_test_migrations_${randomBytes(6).toString("hex")}`;
  const url = databaseUrl(name);

  beforeAll(() => createDatabaseIfMissing(adminUrl(), name));
  afterAll(() => dropDatabase(name));

  it("migrate one after the other under the migration lock: every migration applied once, both start", async () => {
    const opened = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ databaseUrl: url }, { poolMax: 2, migrate: true })),
    );
    try {
      const rows: Array<{ name: string; n: number }> = await opened[0]!.dataSource.query(
        `SELECT name, count(*)::int AS n FROM migrations GROUP BY name`,
      );
      expect(rows.length).toBe(opened[0]!.dataSource.migrations.length);
      expect(rows.every((row) => row.n === 1)).toBe(true);
    } finally {
      await Promise.all(opened.map((database) => database.close()));
    }
  });
});
