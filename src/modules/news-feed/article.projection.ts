import { type Keyset, MAX_PAGE_SIZE, pageLimit } from "../../common/pagination";
import type { SqlParams } from "../../database/read-statements";
import { preload } from "../../graphql/preloaded";
import type { SelectedField, Selection } from "../../graphql/selection";
import { Article } from "../articles/article.entity";
import { Image } from "../articles/image";
import type { Viewer } from "../auth/viewer";
import { Author } from "../authors/author.entity";
import { ExternalLink, type RelatedItem } from "../related-news/related-item.type";
import { MAX_RELATED_LINKS } from "../related-news/related-link.entity";
import { type RelatedAliases, relatedEntriesSql } from "../related-news/related-list.sql";
import { RelatedNewsEntry } from "../related-news/related-news-entry.type";
import type { RelatedReason } from "../related-news/related-reason";
import { Tag } from "../tags/tag.entity";
import { type Bind, feedConditions, newestFirstSql } from "./feed.sql";
import { decodeAfter, latestNewsPage, latestNewsWindow } from "./feed.window";

/**
 * The look-ahead behind the reader pages: from what a query selects on articles, ONE SQL expression that builds each
 * article as JSON in PostgreSQL (its columns, its author, tags, related news and latest-news window, nested as deep as
 * the query goes), and the function that turns that JSON back into the entities the field resolvers expect. The
 * answers of the relation fields it fetched ({@link PRELOADED_FIELDS}) are preloaded on the entity under their response
 * key and answered from there; anything it does not know (arguments it cannot use as given, an editor-only field) is
 * left to the field's resolver and its loader, so every shape still answers.
 *
 * The rules stay where they live: visibility, feed order and keyset come from the same functions as the loaders', and
 * derived fields (status, reading time, thumbnail, cursors) stay getters and helpers over the loaded columns.
 */

type Json = unknown[];
/** One related entry as the statement sends it: url, title, reason, score, the target article's JSON. */
type EntryJson = [string | null, string | null, RelatedReason, number | null, Json | null];
type Setter = (article: Article, value: never) => void;
interface Part {
  sql: string;
  set: Setter;
}

// Timestamps travel as PostgreSQL's JSON text of a timestamptz (ISO 8601 with its offset): cheaper to write there
// than arithmetic on the epoch, and read back exactly by Date.
const dateOf = (text: string | null): Date | null => (text === null ? null : new Date(text));

/** Article columns by entity property, and how each is read back. */
const COLUMNS = {
  id: (a: string): Part => ({ sql: `${a}.id`, set: (e, v: string) => void (e.id = v) }),
  slug: (a: string): Part => ({ sql: `${a}.slug`, set: (e, v: string) => void (e.slug = v) }),
  title: (a: string): Part => ({ sql: `${a}.title`, set: (e, v: string) => void (e.title = v) }),
  excerpt: (a: string): Part => ({ sql: `${a}.excerpt`, set: (e, v: string) => void (e.excerpt = v) }),
  body: (a: string): Part => ({ sql: `${a}.body`, set: (e, v: string) => void (e.body = v) }),
  bodyHtml: (a: string): Part => ({ sql: `${a}.body_html`, set: (e, v: string) => void (e.bodyHtml = v) }),
  status: (a: string): Part => ({ sql: `${a}.status`, set: (e, v: Article["status"]) => void (e.status = v) }),
  wordCount: (a: string): Part => ({ sql: `${a}.word_count`, set: (e, v: number) => void (e.wordCount = v) }),
  authorId: (a: string): Part => ({ sql: `${a}.author_id`, set: (e, v: string) => void (e.authorId = v) }),
  version: (a: string): Part => ({ sql: `${a}.version`, set: (e, v: number) => void (e.version = v) }),
  publishedAt: (a: string): Part => ({
    sql: `${a}.published_at`,
    set: (e, v: string | null) => void (e.publishedAt = dateOf(v)),
  }),
  createdAt: (a: string): Part => ({
    sql: `${a}.created_at`,
    set: (e, v: string) => void (e.createdAt = new Date(v)),
  }),
  updatedAt: (a: string): Part => ({
    sql: `${a}.updated_at`,
    set: (e, v: string) => void (e.updatedAt = new Date(v)),
  }),
  thumbnailColumns: (a: string): Part => ({
    sql: `json_build_array(${a}.thumbnail_url, ${a}.thumbnail_alt, ${a}.thumbnail_width, ${a}.thumbnail_height)`,
    set: (e, [url, alt, width, height]: [string | null, string | null, number | null, number | null]) =>
      void (e.thumbnailColumns = Object.assign(new Image(), { url, alt, width, height })),
  }),
} satisfies Record<string, (alias: string) => Part>;
type Column = keyof typeof COLUMNS;

/**
 * What every article carries whatever was asked: its key, its feed position and cursor, and its author's id. An
 * editor's feed also places articles that have no publication time yet by their creation time.
 */
const ALWAYS: Column[] = ["id", "publishedAt", "authorId"];
const ALWAYS_FOR_EDITORS: Column[] = [...ALWAYS, "createdAt"];
/** For a field this projection does not know: every column but the two large ones. */
const SMALL_COLUMNS = (Object.keys(COLUMNS) as Column[]).filter((c) => c !== "body" && c !== "bodyHtml");

/** The Article fields whose answer the projection may preload (see `answerPreloadedFirst`). */
export const PRELOADED_FIELDS = ["author", "tags", "related", "relatedNews", "latestNews"] as const;

/** The columns each GraphQL field of Article is computed from; relations are handled apart. */
const FIELD_COLUMNS: Record<string, Column[]> = {
  __typename: [],
  id: [],
  slug: ["slug"],
  // The public URL is derived from the slug and id (src/modules/articles/article-url.ts).
  url: ["slug"],
  title: ["title"],
  excerpt: ["excerpt"],
  body: ["body"],
  bodyHtml: ["bodyHtml"],
  publishedAt: [],
  createdAt: ["createdAt"],
  updatedAt: ["updatedAt"],
  version: ["version"],
  wordCount: ["wordCount"],
  readingTimeMinutes: ["wordCount"],
  // The status as of now is read from the stored status and the publication time (Article.currentStatus).
  status: ["status"],
  thumbnail: ["thumbnailColumns"],
  author: [],
  tags: [],
  related: [],
  relatedNews: [],
  latestNews: [],
};

interface AuthorPart {
  sql: string;
  set: (author: Author, value: never) => void;
}
const AUTHOR_COLUMNS = {
  id: { sql: "id", set: (au, v: string) => void (au.id = v) },
  slug: { sql: "slug", set: (au, v: string) => void (au.slug = v) },
  name: { sql: "name", set: (au, v: string) => void (au.name = v) },
  bio: { sql: "bio", set: (au, v: string) => void (au.bio = v) },
  avatarUrl: { sql: "avatar_url", set: (au, v: string | null) => void (au.avatarUrl = v) },
  version: { sql: "version", set: (au, v: number) => void (au.version = v) },
  createdAt: { sql: "created_at", set: (au, v: string) => void (au.createdAt = new Date(v)) },
  updatedAt: { sql: "updated_at", set: (au, v: string) => void (au.updatedAt = new Date(v)) },
} satisfies Record<string, AuthorPart>;
type AuthorColumn = keyof typeof AUTHOR_COLUMNS;
const AUTHOR_COLUMN_NAMES = Object.keys(AUTHOR_COLUMNS) as AuthorColumn[];
/** The columns each GraphQL field of Author is read from; `articles` needs only the id. */
const AUTHOR_FIELD_COLUMNS: Record<string, AuthorColumn[]> = {
  __typename: [],
  id: [],
  articles: [],
  slug: ["slug"],
  name: ["name"],
  bio: ["bio"],
  avatarUrl: ["avatarUrl"],
  version: ["version"],
  createdAt: ["createdAt"],
  updatedAt: ["updatedAt"],
};

/** The Article selections under a connection's `nodes` and `edges { node }`. */
export function connectionNodes(connection: Selection[]): Selection[] {
  const nodes: Selection[] = [];
  for (const selection of connection) {
    for (const field of selection.values()) {
      if (field.name === "nodes") nodes.push(...onType(field, "Article"));
      if (field.name === "edges") {
        for (const edge of onType(field, "ArticleEdge")) {
          for (const node of edge.values()) if (node.name === "node") nodes.push(...onType(node, "Article"));
        }
      }
    }
  }
  return nodes;
}

const onType = (field: SelectedField, type: string): Selection[] => {
  const selection = field.fields.get(type);
  return selection ? [selection] : [];
};

/** Builds the JSON expressions of one statement; aliases are numbered so nested subqueries never collide. */
export class ArticleProjection {
  private aliases = 0;
  readonly bind: Bind;

  constructor(
    readonly viewer: Viewer,
    readonly params: SqlParams,
  ) {
    this.bind = (value, type) => params.add(value, type);
  }

  alias(prefix = "a"): string {
    this.aliases += 1;
    return `${prefix}${this.aliases}`;
  }

  /** The JSON of the article in row `a`, as the union of `selections` (several when one object sits at several paths). */
  article(a: string, selections: Selection[]): { sql: string; hydrate: (json: Json) => Article } {
    const columns = new Set<Column>(this.viewer.isEditor ? ALWAYS_FOR_EDITORS : ALWAYS);
    const parts: Part[] = [];
    // One author object, and one tags list, serve every key that selects them (`x: author { name } y: author { bio }`).
    const authorFields: SelectedField[] = [];
    const authorKeys: string[] = [];
    const tagKeys: string[] = [];
    for (const [key, fields] of byResponseKey(selections)) {
      const name = fields[0]!.name;
      const known = FIELD_COLUMNS[name];
      // The same key naming two fields at two paths, or a field unknown here: all columns, the resolver does the rest.
      if (known === undefined || fields.some((f) => f.name !== name)) {
        for (const column of SMALL_COLUMNS) columns.add(column);
        continue;
      }
      for (const column of known) columns.add(column);
      if (name === "author") {
        authorFields.push(...fields);
        authorKeys.push(key);
        continue;
      }
      if (name === "tags") {
        tagKeys.push(key);
        continue;
      }
      const part = this.relation(a, key, name, fields);
      if (part) parts.push(part);
    }
    if (authorFields.length > 0) parts.push(this.author(a, authorFields, authorKeys));
    if (tagKeys.length > 0) parts.push(this.tags(a, tagKeys));
    const all = [...[...columns].map((column) => COLUMNS[column](a)), ...parts];
    const setters = all.map((part) => part.set);
    return {
      sql: `json_build_array(${all.map((part) => part.sql).join(", ")})`,
      hydrate(json) {
        const article = new Article();
        for (let i = 0; i < setters.length; i++) setters[i]!(article, json[i] as never);
        return article;
      },
    };
  }

  private relation(a: string, key: string, name: string, fields: SelectedField[]): Part | null {
    switch (name) {
      case "related":
        return sameArgs(fields) ? this.related(a, key, fields) : null;
      case "relatedNews":
        return sameArgs(fields) ? this.relatedNews(a, key, fields) : null;
      case "latestNews":
        return sameArgs(fields) ? this.latestNews(a, key, fields) : null;
      default:
        return null;
    }
  }

  /** The author's selected columns (and its id, for `Author.articles` and its loader). */
  private author(a: string, fields: SelectedField[], keys: string[]): Part {
    const au = this.alias("au");
    const wanted = new Set<AuthorColumn>(["id"]);
    for (const selection of fields.flatMap((field) => onType(field, "Author"))) {
      for (const field of selection.values()) {
        const columns = AUTHOR_FIELD_COLUMNS[field.name];
        if (columns === undefined) for (const column of AUTHOR_COLUMN_NAMES) wanted.add(column);
        else for (const column of columns) wanted.add(column);
      }
    }
    const columns = [...wanted].map((column) => AUTHOR_COLUMNS[column]);
    return {
      sql: `(SELECT json_build_array(${columns.map((column) => `${au}.${column.sql}`).join(", ")}) FROM authors ${au} WHERE ${au}.id = ${a}.author_id)`,
      set: (article, json: unknown[] | null) => {
        if (json === null) return; // cannot happen (foreign key); the resolver's own check reports it
        const author = new Author();
        for (let i = 0; i < columns.length; i++) columns[i]!.set(author, json[i] as never);
        article.author = author;
        for (const key of keys) preload(article, key, author);
      },
    };
  }

  /** The tags in the loader's order (name, then id). */
  private tags(a: string, keys: string[]): Part {
    const [x, t] = [this.alias("x"), this.alias("t")];
    return {
      sql: `coalesce((SELECT json_agg(json_build_array(${t}.id, ${t}.slug, ${t}.name) ORDER BY ${t}.name, ${t}.id) FROM article_tags ${x} JOIN tags ${t} ON ${t}.id = ${x}.tag_id WHERE ${x}.article_id = ${a}.id), '[]'::json)`,
      set: (article, json: [string, string, string][]) => {
        const tags = json.map(([id, slug, name]) => Object.assign(new Tag(), { id, slug, name }));
        for (const key of keys) preload(article, key, tags);
      },
    };
  }

  /** `related`: the items of the related list's `first` entries (relatedEntriesSql, the loaders' rule too). */
  private related(a: string, key: string, fields: SelectedField[]): Part | null {
    const entries = this.relatedEntries(a, fields, (field) => onType(field, "Article"));
    return (
      entries && {
        sql: entries.sql,
        set: (article, json: EntryJson[]) =>
          preload(
            article,
            key,
            entries.read(json).map((entry) => entry.item),
          ),
      }
    );
  }

  /** `relatedNews`: the same entries with their reason and score; `item`'s Article selections make the target's JSON. */
  private relatedNews(a: string, key: string, fields: SelectedField[]): Part | null {
    const entries = this.relatedEntries(a, fields, (field) =>
      onType(field, "RelatedNewsEntry").flatMap((entry) =>
        [...entry.values()].flatMap((item) => (item.name === "item" ? onType(item, "Article") : [])),
      ),
    );
    return (
      entries && { sql: entries.sql, set: (article, json: EntryJson[]) => preload(article, key, entries.read(json)) }
    );
  }

  /**
   * The JSON of an article's related list (at most MAX_RELATED_LINKS entries; `first` of them are kept), each entry
   * with its target's JSON as `targetsOf` selects it.
   */
  private relatedEntries(
    a: string,
    fields: SelectedField[],
    targetsOf: (field: SelectedField) => Selection[],
  ): { sql: string; read: (json: EntryJson[]) => RelatedNewsEntry[] } | null {
    const { first } = fields[0]!.args as { first?: unknown };
    if (!Number.isInteger(first) || (first as number) < 1 || (first as number) > MAX_RELATED_LINKS) return null;
    const aliases = this.relatedAliases();
    const { e, t } = aliases;
    const target = this.article(t, fields.flatMap(targetsOf));
    const entry = `json_build_array(${e}.url, ${e}.title, ${e}.reason, ${e}.score, CASE WHEN ${t}.id IS NULL THEN NULL ELSE ${target.sql} END)`;
    const x = this.alias("x");
    return {
      sql: `coalesce((SELECT json_agg(${x}.j ORDER BY ${x}.part, ${x}.position) FROM (${relatedEntriesSql(`${a}.id`, this.viewer, `${e}.part, ${e}.position, ${entry} AS j`, aliases)}) ${x}), '[]'::json)`,
      read: (json) =>
        json
          .slice(0, first as number)
          .map(
            ([url, title, reason, score, targetJson]) =>
              new RelatedNewsEntry(
                reason,
                score,
                targetJson ? target.hydrate(targetJson) : (new ExternalLink(title!, url!) as RelatedItem),
              ),
          ),
    };
  }

  relatedAliases(): RelatedAliases {
    return { e: this.alias("e"), t: this.alias("t"), l: this.alias("l"), r: this.alias("r"), p: this.alias("p") };
  }

  /**
   * The latest-news window beside an article: the same rows for every article of the page, so PostgreSQL runs the
   * uncorrelated subquery once. Arguments it cannot use as given are the resolver's to reject. With `excludeRelated`,
   * the window is as long as the related list can hold, and each article leaves out itself and its related articles
   * from it and builds JSON for the page's rows only.
   */
  private latestNews(a: string, key: string, fields: SelectedField[]): Part | null {
    const args = latestNewsArgsOf(fields[0]!);
    if (!args) return null;
    const w = this.alias("w");
    const row = this.article(w, connectionNodes(fields.flatMap((field) => onType(field, "ArticleConnection"))));
    const hydrate = (json: Json[]) => json.map((item) => row.hydrate(item));
    const { first } = args;
    if (!args.excludeRelated) {
      // Every article of a page asks for the same rows: it leaves out itself from them (latestNewsPage).
      return {
        sql: this.latestNewsSql(a, args, w, row.sql, { leaveOut: false, limit: latestNewsWindow(first).limit }),
        set: (article, json: Json[]) => preload(article, key, latestNewsPage(article, hydrate(json), first)),
      };
    }
    // The related ids travel with the page: the connection's scope (its count) leaves them out too.
    return {
      sql: this.latestNewsSql(a, args, w, row.sql, { leaveOut: true, limit: pageLimit(first), withIds: true }),
      set: (article, [json, relatedIds]: [Json[], string[]]) =>
        preload(article, key, latestNewsPage(article, hydrate(json), first, new Set(relatedIds))),
    };
  }

  /**
   * The JSON array of the latest-news rows beside article `a` (each as `element` writes row `w`), newest first, at
   * most `limit`. `leaveOut`: without the article itself and, with `excludeRelated`, its related articles, left out
   * in SQL (else by the reader of the rows). With `excludeRelated` the window is as long as the related list can
   * hold, read in one index scan, and the page filtered from it (no second lookup of the rows by id); `withIds` then
   * answers `json_build_array(page, relatedIds)`. `related`: where the related entries (`target_id`) are already read
   * in this statement, else they are read here.
   */
  latestNewsSql(
    a: string,
    { first, keyset, excludeRelated }: LatestNewsArguments,
    w: string,
    element: string,
    {
      leaveOut,
      limit,
      withIds = false,
      list = (item, order) => `json_agg(${item} ORDER BY ${order})`,
      empty = "'[]'",
      related,
    }: {
      leaveOut: boolean;
      limit: number;
      withIds?: boolean;
      related?: string;
      /** How the rows' elements make one list (JSON text instead of json: ArticleAnswer). */
      list?: (element: string, order: string) => string;
      /** What an empty page is (`[]`). */
      empty?: string;
    },
  ): string {
    const v = this.alias("v");
    const rows = (alias: string) => feedConditions(alias, this.viewer, keyset, {}, this.bind).join(" AND ");
    const order = (alias: string) => newestFirstSql(alias, this.viewer);
    const page = (from: string) => `coalesce((SELECT ${list(element, order(w))} FROM (${from}) ${w}), ${empty})`;
    const window = `SELECT * FROM articles ${v} WHERE ${rows(v)} ORDER BY ${order(v)} LIMIT ${latestNewsWindow(first, excludeRelated).limit}`;
    if (!excludeRelated) {
      if (!leaveOut) return page(window);
      return page(`SELECT * FROM (${window}) ${w} WHERE ${w}.id <> ${a}.id ORDER BY ${order(w)} LIMIT ${limit}`);
    }
    const [r, ids, aliases] = [this.alias("r"), this.alias("ids"), this.relatedAliases()];
    related ??= `(${relatedEntriesSql(`${a}.id`, this.viewer, `${aliases.e}.target_id`, aliases)})`;
    const filtered = page(
      `SELECT * FROM (${window}) ${w} WHERE ${w}.id <> ${a}.id AND ${w}.id <> ALL(${r}.${ids}) ORDER BY ${order(w)} LIMIT ${limit}`,
    );
    return `(SELECT ${withIds ? `json_build_array(${filtered}, to_json(${r}.${ids}))` : filtered} FROM (SELECT coalesce(array_agg(${r}.target_id), '{}') AS ${ids} FROM ${related} ${r} WHERE ${r}.target_id IS NOT NULL) ${r})`;
  }
}

/** `Article.latestNews`'s arguments as a page can be built from them. */
export interface LatestNewsArguments {
  first: number;
  keyset: Keyset | null;
  excludeRelated: boolean;
}

/** The arguments of a `latestNews` field, or null for any the resolver would reject (it reports them). */
export function latestNewsArgsOf(field: SelectedField): LatestNewsArguments | null {
  const { first, after, excludeRelated } = field.args as { first?: unknown; after?: unknown; excludeRelated?: unknown };
  if (!Number.isInteger(first) || (first as number) < 1 || (first as number) > MAX_PAGE_SIZE) return null;
  if (typeof excludeRelated !== "boolean") return null;
  if (after != null && typeof after !== "string") return null;
  try {
    return { first: first as number, keyset: decodeAfter(after as string | null | undefined), excludeRelated };
  } catch {
    return null;
  }
}

function byResponseKey(selections: Selection[]): Map<string, SelectedField[]> {
  const grouped = new Map<string, SelectedField[]>();
  for (const selection of selections) {
    for (const [key, field] of selection) {
      const group = grouped.get(key);
      if (group) group.push(field);
      else grouped.set(key, [field]);
    }
  }
  return grouped;
}

/** One key at several paths may carry different arguments there (one preload could not serve both). */
const sameArgs = (fields: SelectedField[]): boolean =>
  fields.every((field) => JSON.stringify(field.args) === JSON.stringify(fields[0]!.args));
