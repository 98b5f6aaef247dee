import { isoTimeSql } from "../../graphql/json-text";
import type { SelectedField, Selection } from "../../graphql/selection";
import { thumbnailPresentSql } from "../articles/article.entity";
import { MAX_RELATED_LINKS } from "../related-news/related-link.entity";
import { relatedEntriesSql } from "../related-news/related-list.sql";
import { type ArticleProjection, latestNewsArgsOf } from "./article.projection";

/**
 * An article's answer written by PostgreSQL: from what a query selects on an article, ONE SQL expression that builds
 * the JSON the response carries for it (response keys in selection order, scalars as the schema serializes them,
 * nested objects and lists included), or null when the selection asks for anything it does not know. Those
 * selections are answered by graphql-js over the look-ahead's entities instead (src/modules/news-feed/sql-answers.ts).
 *
 * It knows the fields that are columns (or their scalar's serialization of them) and the relations the look-ahead
 * reads in the same statement; every rule it applies comes from where the look-ahead takes it: visibility, feed order,
 * the related list (relatedEntriesSql), the latest-news window, the thumbnail rule (Article.thumbnail). Fields derived
 * in code (status as of now, reading time, url, cursors of nested connections, counts) are not written here: a
 * selection with one of them is not answered in SQL.
 */

/** A JSON value in SQL for one selected field of a row `alias`, or null when it cannot be written here. */
type FieldSql = (alias: string, field: SelectedField) => string | null;

/** A leaf with no arguments: a field selected with arguments or a sub-selection is not this field. */
const leaf =
  (sql: (alias: string) => string): FieldSql =>
  (alias, field) =>
    field.fields.size === 0 && Object.keys(field.args).length === 0 ? sql(alias) : null;
const column = (name: string) => leaf((alias) => `${alias}.${name}`);
const time = (name: string) => leaf((alias) => isoTimeSql(`${alias}.${name}`));
const typename = (name: string): FieldSql => leaf(() => `'${name}'`);

/** Image (a thumbnail's embedded columns `thumbnail_*`). */
const IMAGE: Record<string, FieldSql> = {
  __typename: typename("Image"),
  url: column("thumbnail_url"),
  alt: column("thumbnail_alt"),
  width: column("thumbnail_width"),
  height: column("thumbnail_height"),
};

const AUTHOR: Record<string, FieldSql> = {
  __typename: typename("Author"),
  id: column("id"),
  slug: column("slug"),
  name: column("name"),
  bio: column("bio"),
  avatarUrl: column("avatar_url"),
  version: column("version"),
  createdAt: time("created_at"),
  updatedAt: time("updated_at"),
};

const TAG: Record<string, FieldSql> = {
  __typename: typename("Tag"),
  id: column("id"),
  slug: column("slug"),
  name: column("name"),
};

/** ExternalLink, from a related entry `e` (src/modules/related-news/related-list.sql.ts). */
const EXTERNAL_LINK: Record<string, FieldSql> = {
  __typename: typename("ExternalLink"),
  title: column("title"),
  url: column("url"),
};

/** Article's column fields; its relations are the compiler's own. */
const ARTICLE_COLUMNS: Record<string, FieldSql> = {
  __typename: typename("Article"),
  id: column("id"),
  slug: column("slug"),
  title: column("title"),
  excerpt: column("excerpt"),
  body: column("body"),
  bodyHtml: column("body_html"),
  wordCount: column("word_count"),
  version: column("version"),
  publishedAt: time("published_at"),
  createdAt: time("created_at"),
  updatedAt: time("updated_at"),
};

/** json_build_object takes at most 100 arguments: 50 keys. */
const MAX_KEYS = 50;

/** `json_build_object` of a selection, each key's value from `valueOf`; null if any key has none. */
function objectSql(selection: Selection, valueOf: (field: SelectedField) => string | null): string | null {
  if (selection.size > MAX_KEYS) return null;
  const pairs: string[] = [];
  for (const [key, field] of selection) {
    const value = valueOf(field);
    if (value === null) return null;
    pairs.push(`'${key}', ${value}`);
  }
  return `json_build_object(${pairs.join(", ")})`;
}

/** A selection of a type made only of the fields in `fields`, on row `alias`. */
const plainObjectSql = (selection: Selection, fields: Record<string, FieldSql>, alias: string): string | null =>
  objectSql(selection, (field) => fields[field.name]?.(alias, field) ?? null);

export class ArticleAnswer {
  constructor(private readonly projection: ArticleProjection) {}

  /** The JSON of the article in row `a` as `selection` asks for it, or null. */
  article(a: string, selection: Selection): string | null {
    return objectSql(selection, (field) => {
      const columnSql = ARTICLE_COLUMNS[field.name];
      if (columnSql) return columnSql(a, field);
      switch (field.name) {
        case "thumbnail":
          return this.thumbnail(a, field);
        case "author":
          return this.author(a, field);
        case "tags":
          return this.tags(a, field);
        case "related":
          return this.related(a, field);
        case "latestNews":
          return this.latestNews(a, field);
        default:
          return null;
      }
    });
  }

  /** Article.thumbnail: the image, or null when the article has none (the getter's rule, in SQL). */
  private thumbnail(a: string, field: SelectedField): string | null {
    const image = field.fields.get("Image");
    const sql = image && plainObjectSql(image, IMAGE, a);
    return sql ? `CASE WHEN ${thumbnailPresentSql(a)} THEN ${sql} END` : null;
  }

  private author(a: string, field: SelectedField): string | null {
    const au = this.projection.alias("au");
    const selection = field.fields.get("Author");
    const sql = selection && plainObjectSql(selection, AUTHOR, au);
    return sql ? `(SELECT ${sql} FROM authors ${au} WHERE ${au}.id = ${a}.author_id)` : null;
  }

  /** The tags in the loader's order (name, then id). */
  private tags(a: string, field: SelectedField): string | null {
    const [x, t] = [this.projection.alias("x"), this.projection.alias("t")];
    const selection = field.fields.get("Tag");
    const sql = selection && plainObjectSql(selection, TAG, t);
    if (!sql) return null;
    return `coalesce((SELECT json_agg(${sql} ORDER BY ${t}.name, ${t}.id) FROM article_tags ${x} JOIN tags ${t} ON ${t}.id = ${x}.tag_id WHERE ${x}.article_id = ${a}.id), '[]'::json)`;
  }

  /** `related`: the first `first` entries of the related list (relatedEntriesSql), each an Article or ExternalLink. */
  private related(a: string, field: SelectedField): string | null {
    const { first } = field.args as { first?: unknown };
    if (!Number.isInteger(first) || (first as number) < 1 || (first as number) > MAX_RELATED_LINKS) return null;
    const aliases = this.projection.relatedAliases();
    const { e, t } = aliases;
    const onArticle = field.fields.get("Article");
    const onLink = field.fields.get("ExternalLink");
    const target = onArticle && this.article(t, onArticle);
    const link = onLink && plainObjectSql(onLink, EXTERNAL_LINK, e);
    if (!target || !link) return null;
    const x = this.projection.alias("x");
    const entry = `CASE WHEN ${t}.id IS NULL THEN ${link} ELSE ${target} END`;
    const entries = relatedEntriesSql(
      `${a}.id`,
      this.projection.viewer,
      `${e}.part, ${e}.position, ${entry} AS j`,
      aliases,
    );
    return `coalesce((SELECT json_agg(${x}.j ORDER BY ${x}.part, ${x}.position) FROM (SELECT * FROM (${entries}) ${x} ORDER BY ${x}.part, ${x}.position LIMIT ${first as number}) ${x}), '[]'::json)`;
  }

  /** `latestNews` beside the article, its `nodes` (and `__typename`) only: its cursors are made in code. */
  private latestNews(a: string, field: SelectedField): string | null {
    const args = latestNewsArgsOf(field);
    const connection = field.fields.get("ArticleConnection");
    if (!args || !connection) return null;
    const w = this.projection.alias("w");
    return objectSql(connection, (inner) => {
      if (inner.name === "__typename") return typename("ArticleConnection")(w, inner);
      const nodes = inner.name === "nodes" ? inner.fields.get("Article") : undefined;
      const element = nodes && this.article(w, nodes);
      return element ? this.projection.latestNewsSql(a, args, w, element, { leaveOut: true, limit: args.first }) : null;
    });
  }
}
