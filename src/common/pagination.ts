import { Max, Min } from "class-validator";
import { ArgsType, type ClassType, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";

import { BadUserInputError } from "./errors";
import { isStorable } from "./validation";

export const MAX_PAGE_SIZE = 50;
export const DEFAULT_PAGE_SIZE = 10;

/** Forward pagination arguments shared by every connection. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return, from 1 to ${MAX_PAGE_SIZE}.`,
  })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field({ nullable: true, description: "Return the items after this cursor (an `endCursor` or edge `cursor`)." })
  after?: string;
}

@ObjectType({ description: "Where a page sits in its list (Relay cursor connections).", simpleResolvers: true })
export class PageInfo {
  @Field({ description: "Whether more items follow this page." })
  hasNextPage!: boolean;

  @Field({ description: "Always false: lists are paged forwards only." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first item of the page, null for an empty page." })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last item; pass it as `after` for the next page.",
  })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
}

/**
 * Builds the Relay connection and edge object types for a node type, e.g. `ArticleConnection` and `ArticleEdge`.
 * The classes are only GraphQL shapes; values are plain objects made by {@link toConnection}.
 */
export function connectionTypes<T extends object>(nodeType: ClassType<T>, nodeName: string, what: string) {
  @ObjectType(`${nodeName}Edge`, { description: `One ${what} in a page, with its cursor.`, simpleResolvers: true })
  class EdgeType implements Edge<T> {
    @Field({ description: "Opaque cursor of this item." })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${nodeName}Connection`, { description: `A page of ${what}s.`, simpleResolvers: true })
  class ConnectionType implements Connection<T> {
    @Field(() => [EdgeType], { description: "The items of the page with their cursors." })
    edges!: EdgeType[];

    @Field(() => [nodeType], { description: "The items of the page, without cursors (smaller payloads)." })
    nodes!: T[];

    @Field(() => PageInfo, { description: "Cursors and whether more items follow." })
    pageInfo!: PageInfo;
  }

  return { EdgeType, ConnectionType };
}

/** The size of a whole list (every page of it): exact, or the planner's estimate when counting would cost too much. */
export interface TotalCount {
  count: number;
  isEstimate: boolean;
}

/**
 * The `totalCount` and `totalCountIsEstimate` fields of a connection type, as a field resolver class to register
 * beside it. Both answer from `countOf`, which runs only when a query selects one of them; it must answer both from
 * one count per connection and request (a per-request DataLoader keyed by what the connection lists does).
 */
export function countFieldsResolver<C, Ctx>(
  connectionType: ClassType<object>,
  what: string,
  countOf: (connection: C, context: Ctx) => Promise<TotalCount>,
) {
  @Resolver(() => connectionType)
  class CountFieldsResolver {
    @FieldResolver(() => Int, {
      description: `How many ${what}s the whole list holds, all pages together: exact up to \`COUNT_EXACT_LIMIT\` and when counted within \`COUNT_TIMEOUT_MS\`, else an estimate (\`totalCountIsEstimate\`). Counted only when asked for.`,
    })
    async totalCount(@Root() connection: C, @Ctx() context: Ctx): Promise<number> {
      return (await countOf(connection, context)).count;
    }

    @FieldResolver(() => Boolean, {
      description: "Whether `totalCount` is the database's estimate rather than an exact count.",
    })
    async totalCountIsEstimate(@Root() connection: C, @Ctx() context: Ctx): Promise<boolean> {
      return (await countOf(connection, context)).isEstimate;
    }
  }
  return CountFieldsResolver;
}

/** The rows a page of `first` items fetches: one more, which only says that another page follows. */
export const pageLimit = (first: number): number => first + 1;

/**
 * Turns {@link pageLimit} fetched rows into a page: the extra row only says that another page exists. Cursors are
 * made when a query reads them (most pages ask for `nodes` and `pageInfo.endCursor` only).
 */
export function toConnection<T>(rows: T[], first: number, cursorOf: (row: T) => string): Connection<T> {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  let edges: Edge<T>[] | undefined;
  return {
    get edges() {
      return (edges ??= nodes.map((node) => ({ node, cursor: cursorOf(node) })));
    },
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: false,
      get startCursor() {
        return nodes.length > 0 ? cursorOf(nodes[0]!) : null;
      },
      get endCursor() {
        return last === undefined ? null : cursorOf(last);
      },
    },
  };
}

/** A position in a list ordered by (key, id): `key` is a publication time (feeds) or a name (directories). */
export interface Keyset {
  key: string;
  id: string;
}

/** Cursors of different lists are not interchangeable: the kind is part of the cursor. */
export type CursorKind = "published" | "name" | "created";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

/** Encodes a keyset position as an opaque cursor (base64url of JSON). */
export function encodeCursor(kind: CursorKind, { key, id }: Keyset): string {
  return Buffer.from(JSON.stringify([kind, key, id]), "utf8").toString("base64url");
}

/** Decodes a cursor made by {@link encodeCursor} for the same kind of list; anything else is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, kind: CursorKind, argumentName = "after"): Keyset {
  const invalid = () =>
    BadUserInputError.of(argumentName, "cursor", `Argument "${argumentName}" is not a cursor of this list.`);
  const parsed = cursorParts(cursor, invalid);
  if (parsed.length !== 3) throw invalid();
  const [cursorKind, key, id] = parsed;
  if (cursorKind !== kind || typeof key !== "string" || typeof id !== "string" || !isUuid(id)) throw invalid();
  // A name key goes to PostgreSQL as text; a cursor Byline made never holds a string it could not store.
  if (!isStorable(key)) throw invalid();
  if ((kind === "published" || kind === "created") && !isIsoInstant(key)) throw invalid();
  return { key, id: id.toLowerCase() };
}

/** The JSON array inside a cursor Byline made; `invalid()` for anything else. */
function cursorParts(cursor: string, invalid: () => Error): unknown[] {
  if (cursor.length > 300 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed)) throw invalid();
  return parsed as unknown[];
}

function isIsoInstant(value: string): boolean {
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && date.toISOString() === value;
}

/** Cursor of an article in a feed ordered by (publication time DESC, id DESC); drafts use their creation time. */
export const feedCursorOf = (article: { publishedAt: Date | null; createdAt: Date; id: string }): string =>
  encodeCursor("published", { key: (article.publishedAt ?? article.createdAt).toISOString(), id: article.id });

/**
 * A position in search results, which run by (score DESC, key DESC, id DESC): the score is relevance blended with
 * recency, computed against `reference`, the instant the walk's first page was answered. Every later page scores
 * against the same instant again (recency measured from each page's own now would move the scores under the walker,
 * so a walk could repeat or skip a hit).
 */
export interface SearchKeyset extends Keyset {
  score: number;
  /** ISO instant the scores are computed against. */
  reference: string;
}

/** Encodes a search position as an opaque cursor (base64url of JSON; a JSON number round-trips a double exactly). */
export function encodeSearchCursor({ score, key, id, reference }: SearchKeyset): string {
  return Buffer.from(JSON.stringify(["search", score, key, id, reference]), "utf8").toString("base64url");
}

/** Decodes a cursor made by {@link encodeSearchCursor}; anything else is BAD_USER_INPUT. */
export function decodeSearchCursor(cursor: string, argumentName = "after"): SearchKeyset {
  const invalid = () =>
    BadUserInputError.of(argumentName, "cursor", `Argument "${argumentName}" is not a cursor of this list.`);
  const parsed = cursorParts(cursor, invalid);
  if (parsed.length !== 5) throw invalid();
  const [kind, score, key, id, reference] = parsed;
  if (kind !== "search" || typeof score !== "number" || !Number.isFinite(score) || score < 0) throw invalid();
  if (typeof key !== "string" || !isIsoInstant(key) || typeof reference !== "string" || !isIsoInstant(reference)) {
    throw invalid();
  }
  if (typeof id !== "string" || !isUuid(id)) throw invalid();
  return { score, key, id: id.toLowerCase(), reference };
}
