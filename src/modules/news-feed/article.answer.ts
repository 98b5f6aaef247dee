import { dependencyKey } from "../../delivery/dependencies";
import { isoTimeSql } from "../../graphql/json-text";
import type { SelectedField, Selection } from "../../graphql/selection";
import { readingTimeSql } from "../articles/article.body";
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
 * the related list (relatedEntriesSql), the latest-news window, the thumbnail rule (Article.thumbnail), the reading
 * time (readingTimeFor beside readingTimeSql). Fields derived in code (status as of now, url, cursors of nested
 * connections, counts) are not written here: a selection with one of them is not answered in SQL.
 */

/**
 * SQL for one selected field of a row `alias`: a text expression that is the field's JSON (never NULL: `null` is
 * the text `null`), or null when it cannot be written here. The JSON is written as text by concatenation, compact
 * like JSON.stringify's and cheaper for PostgreSQL than json_build_object (about 20% of a feed page's statement).
 */
type FieldSql = (alias: string, field: SelectedField) => string | null;

/** A value's JSON text: to_json escapes strings as JSON.stringify does. */
const jsonOf = (sql: string): string => `coalesce(to_json(${sql})::text, 'null')`;
/** A string literal's JSON text, for names the schema makes (response keys, type names: no character to escape). */
const literal = (name: string): string => `'"${name}"'`;

/** A leaf with no arguments: a field selected with arguments or a sub-selection is not this field. */
const leaf =
  (sql: (alias: string) => string): FieldSql =>
  (alias, field) =>
    field.fields.size === 0 && Object.keys(field.args).length === 0 ? sql(alias) : null;
const column = (name: string) => leaf((alias) => jsonOf(`${alias}.${name}`));
const time = (name: string) => leaf((alias) => `coalesce('"' || ${isoTimeSql(`${alias}.${name}`)} || '"', 'null')`);
const typename = (name: string): FieldSql => leaf(() => literal(name));

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
  readingTimeMinutes: leaf((alias) => `${readingTimeSql(`${alias}.word_count`)}::text`),
  version: column("version"),
  publishedAt: time("published_at"),
  createdAt: time("created_at"),
  updatedAt: time("updated_at"),
};

/** The JSON text of an object of a selection, each key's value from `valueOf`; null if any key has none. */
function objectSql(selection: Selection, valueOf: (field: SelectedField) => string | null): string | null {
  const parts: string[] = [];
  for (const [key, field] of selection) {
    const value = valueOf(field);
    if (value === null) return null;
    // Response keys are GraphQL names: nothing in them to escape, in JSON or in an SQL literal.
    parts.push(`'${parts.length === 0 ? "{" : ","}"${key}":'`, value);
  }
  return parts.length === 0 ? `'{}'` : `(${parts.join(" || ")} || '}')`;
}

/** The JSON text of a list: `element` of each row, in `order` (`[]` for none). */
export const listSql = (element: string, order: string): string =>
  `'[' || string_agg(${element}, ',' ORDER BY ${order}) || ']'`;

/** A selection of a type made only of the fields in `fields`, on row `alias`. */
const plainObjectSql = (selection: Selection, fields: Record<string, FieldSql>, alias: string): string | null =>
  objectSql(selection, (field) => fields[field.name]?.(alias, field) ?? null);

export class ArticleAnswer {
  constructor(private readonly projection: ArticleProjection) {}

  /**
   * The JSON of the article in row `a` as `selection` asks for it, or null. When it shows its related news and the
   * latest news without them (the article page), the related list is read once for both: a CTE of this article's
   * entries, each with its JSON.
   */
  article(a: string, selection: Selection): string | null {
    const fields = [...selection.values()];
    const relatedFields = fields.filter((field) => field.name === "related");
    const shared =
      relatedFields.length === 1 &&
      fields.some((field) => field.name === "latestNews" && latestNewsArgsOf(field)?.excludeRelated === true)
        ? { cte: this.projection.alias("rl"), entries: this.relatedEntries(a, relatedFields[0]!) }
        : null;
    if (shared && !shared.entries) return null;
    const object = objectSql(selection, (field) => {
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
          return this.related(a, field, shared?.cte);
        case "latestNews":
          return this.latestNews(a, field, shared?.cte);
        default:
          return null;
      }
    });
    if (!object || !shared) return object;
    return `(WITH ${shared.cte} AS MATERIALIZED (${shared.entries}) SELECT ${object})`;
  }

  /** Article.thumbnail: the image, or null when the article has none (the getter's rule, in SQL). */
  private thumbnail(a: string, field: SelectedField): string | null {
    const image = field.fields.get("Image");
    const sql = image && plainObjectSql(image, IMAGE, a);
    return sql ? `CASE WHEN ${thumbnailPresentSql(a)} THEN ${sql} ELSE 'null' END` : null;
  }

  private author(a: string, field: SelectedField): string | null {
    const au = this.projection.alias("au");
    const selection = field.fields.get("Author");
    const sql = selection && plainObjectSql(selection, AUTHOR, au);
    return sql ? `coalesce((SELECT ${sql} FROM authors ${au} WHERE ${au}.id = ${a}.author_id), 'null')` : null;
  }

  /** The tags in the loader's order (name, then id). */
  private tags(a: string, field: SelectedField): string | null {
    const [x, t] = [this.projection.alias("x"), this.projection.alias("t")];
    const selection = field.fields.get("Tag");
    const sql = selection && plainObjectSql(selection, TAG, t);
    if (!sql) return null;
    return `coalesce((SELECT ${listSql(sql, `${t}.name, ${t}.id`)} FROM article_tags ${x} JOIN tags ${t} ON ${t}.id = ${x}.tag_id WHERE ${x}.article_id = ${a}.id), '[]')`;
  }

  /**
   * `related`: the first `first` entries of the related list (relatedEntriesSql), each an Article or ExternalLink;
   * from the CTE `shared` when the article reads them once for two fields.
   */
  private related(a: string, field: SelectedField, shared?: string): string | null {
    const { first } = field.args as { first?: unknown };
    if (!Number.isInteger(first) || (first as number) < 1 || (first as number) > MAX_RELATED_LINKS) return null;
    const entries = shared ?? this.relatedEntries(a, field);
    if (!entries) return null;
    const x = this.projection.alias("x");
    const from = shared ?? `(${entries})`;
    // The entries come at most MAX_RELATED_LINKS, in order: a shorter page takes its first ones.
    const page =
      first === MAX_RELATED_LINKS
        ? from
        : `(SELECT * FROM ${from} ${x} ORDER BY ${x}.part, ${x}.position LIMIT ${first as number})`;
    return `coalesce((SELECT ${listSql(`${x}.j`, `${x}.part, ${x}.position`)} FROM ${page} ${x}), '[]')`;
  }

  /** The related list of article `a` (part, position, target_id, and `j`: each entry's JSON as `field` selects it). */
  private relatedEntries(a: string, field: SelectedField): string | null {
    const aliases = this.projection.relatedAliases();
    const { e, t } = aliases;
    const onArticle = field.fields.get("Article");
    const onLink = field.fields.get("ExternalLink");
    const target = onArticle && this.article(t, onArticle);
    const link = onLink && plainObjectSql(onLink, EXTERNAL_LINK, e);
    if (!target || !link) return null;
    const entry = `CASE WHEN ${t}.id IS NULL THEN ${link} ELSE ${target} END`;
    return relatedEntriesSql(
      `${a}.id`,
      this.projection.viewer,
      `${e}.part, ${e}.position, ${e}.target_id, ${entry} AS j`,
      aliases,
    );
  }

  /** `latestNews` beside the article, its `nodes` (and `__typename`) only: its cursors are made in code. */
  private latestNews(a: string, field: SelectedField, related?: string): string | null {
    const args = latestNewsArgsOf(field);
    const connection = field.fields.get("ArticleConnection");
    if (!args || !connection) return null;
    const w = this.projection.alias("w");
    return objectSql(connection, (inner) => {
      if (inner.name === "__typename") return typename("ArticleConnection")(w, inner);
      const nodes = inner.name === "nodes" ? inner.fields.get("Article") : undefined;
      const element = nodes && this.article(w, nodes);
      return element
        ? this.projection.latestNewsSql(a, args, w, element, {
            leaveOut: true,
            limit: args.first,
            list: listSql,
            related,
          })
        : null;
    });
  }

  /**
   * The dependency keys the answer of the article in row `a` shows, space-separated: what the response cache records
   * for the same selection when graphql-js walks it (Dependencies.addEntities: each article and its author, tags;
   * recordingFields: `related:` for the related and latest news beside it; the latest-news feed). Only asked for on
   * a read the response cache keeps. `selection` is one ArticleAnswer wrote.
   */
  keys(a: string, selection: Selection): string {
    const parts = [`'${dependencyKey.article("")}' || ${a}.id`, `'${dependencyKey.author("")}' || ${a}.author_id`];
    for (const field of selection.values()) {
      if (field.name === "tags") {
        const x = this.projection.alias("x");
        parts.push(
          `(SELECT string_agg('${dependencyKey.tag("")}' || ${x}.tag_id, ' ') FROM article_tags ${x} WHERE ${x}.article_id = ${a}.id)`,
        );
      } else if (field.name === "related") {
        const aliases = this.projection.relatedAliases();
        const { e, t } = aliases;
        const x = this.projection.alias("x");
        const target = `CASE WHEN ${t}.id IS NULL THEN NULL ELSE ${this.keys(t, field.fields.get("Article")!)} END`;
        const entries = relatedEntriesSql(
          `${a}.id`,
          this.projection.viewer,
          `${e}.part, ${e}.position, ${target} AS k`,
          aliases,
        );
        const { first } = field.args as { first: number };
        parts.push(
          `'${dependencyKey.relatedList("")}' || ${a}.id`,
          `(SELECT string_agg(${x}.k, ' ') FROM (SELECT * FROM (${entries}) ${x} ORDER BY ${x}.part, ${x}.position LIMIT ${first}) ${x})`,
        );
      } else if (field.name === "latestNews") {
        const args = latestNewsArgsOf(field)!;
        parts.push(`'${dependencyKey.latestFeed}'`, `'${dependencyKey.relatedList("")}' || ${a}.id`);
        for (const inner of field.fields.get("ArticleConnection")!.values()) {
          if (inner.name !== "nodes") continue;
          const w = this.projection.alias("w");
          const element = this.keys(w, inner.fields.get("Article")!);
          parts.push(
            this.projection.latestNewsSql(a, args, w, element, {
              leaveOut: true,
              limit: args.first,
              list: (item) => `string_agg(${item}, ' ')`,
              empty: "NULL",
            }),
          );
        }
      }
    }
    return `concat_ws(' ', ${parts.join(", ")})`;
  }
}
