import { createHash } from "node:crypto";

import { type Encoding, ETAG_SUFFIXES } from "./compression";

/**
 * A strong ETag of one representation: a hash of the exact body bytes as Byline writes them before compression,
 * quoted, with the coding's suffix (the bytes on the wire differ per coding, so their tags must too).
 */
export function strongEtag(body: Buffer, encoding: Encoding): string {
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 32);
  return `"${hash}${ETAG_SUFFIXES[encoding]}"`;
}

/** An entity tag without its weakness marker: If-None-Match compares tags weakly (RFC 9110 §13.1.2). */
const opaque = (tag: string): string => (tag.startsWith("W/") ? tag.slice(2) : tag);

/**
 * Whether `If-None-Match` names the current representation, so a GET is answered 304: `*`, or a list of entity tags
 * one of which matches `etag` by weak comparison. A malformed member matches nothing.
 */
export function ifNoneMatchMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const header = ifNoneMatch.trim();
  if (header === "*") return true;
  const current = opaque(etag);
  // Entity tags may hold commas only inside quotes, so take each quoted tag rather than splitting on commas.
  for (const [tag] of header.matchAll(/(?:W\/)?"[^"]*"/g)) {
    if (opaque(tag) === current) return true;
  }
  return false;
}
