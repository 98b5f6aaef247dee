import { Max, Min } from "class-validator";
import { ArgsType, type ClassType, Field, Int, ObjectType } from "type-graphql";

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
export type CursorKind = "published" | "name";

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
  if (cursor.length > 300 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [cursorKind, key, id] = parsed as unknown[];
  if (cursorKind !== kind || typeof key !== "string" || typeof id !== "string" || !isUuid(id)) throw invalid();
  // A name key goes to PostgreSQL as text; a cursor Byline made never holds a string it could not store.
  if (!isStorable(key)) throw invalid();
  if (kind === "published" && !isIsoInstant(key)) throw invalid();
  return { key, id: id.toLowerCase() };
}

function isIsoInstant(value: string): boolean {
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && date.toISOString() === value;
}

/** Cursor of an article in a feed ordered by (publication time DESC, id DESC); drafts use their creation time. */
export const feedCursorOf = (article: { publishedAt: Date | null; createdAt: Date; id: string }): string =>
  encodeCursor("published", { key: (article.publishedAt ?? article.createdAt).toISOString(), id: article.id });
