/**
 * bench/byline.js, typed: the GraphQL documents of the measured pages, their normalize() to the shared harness's
 * canonical shapes, and the query that picks visible slugs. The shared harness loads the same file, so both measure
 * the same pages.
 */

export interface QueryOp {
  kind: "article" | "feed";
  body(input: string | null): string;
  normalize(json: unknown): any;
  endCursor?(json: any): string | null;
}

export interface QueryFile {
  headers: Record<string, string>;
  slugsSql: string;
  documents: Record<string, string>;
  ops: Record<string, QueryOp>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const queries = require("../byline.js") as QueryFile;
