import { GraphQLError } from "graphql";

import { BadUserInputError, ErrorCode } from "../../common/errors";
import { isUuid } from "../../common/pagination";

/** What a client's copy holds: every change visible in a snapshot (PostgreSQL `pg_snapshot` text), as of a time. */
export interface SyncPoint {
  snapshot: string;
  /** The sync's database time (ISO, milliseconds): articles scheduled after it are news to the next sync. */
  at: string;
}

/** Which articles a sync follows (slugs); a token is only good for the filter it was minted for. */
export interface SyncFilter {
  tag: string | null;
  author: string | null;
}

/**
 * A delta sync's position. A sync runs in rounds: a round delivers the changes after `seen` up to its own upper
 * point (fixed by its first page), paged by article id; when it ends, its upper point becomes the next `seen`.
 */
export interface SyncState {
  /** What the client already has; null before the initial sync has finished a round. */
  seen: SyncPoint | null;
  /** The round being paged through, and the last article id it delivered; null between rounds. */
  round: (SyncPoint & { after: string }) | null;
  filter: SyncFilter;
}

const TOKEN_VERSION = 1;
/** Tokens carry a snapshot's in-progress transactions: bounded by the server's connections, far below this. */
const MAX_TOKEN_LENGTH = 8_000;

/** Encodes a sync position as an opaque token (base64url of JSON). */
export function encodeSyncToken(state: SyncState): string {
  return Buffer.from(JSON.stringify([TOKEN_VERSION, state.seen, state.round, state.filter]), "utf8").toString(
    "base64url",
  );
}

/** Decodes a token made by {@link encodeSyncToken}; anything else is BAD_USER_INPUT naming `since`. */
export function decodeSyncToken(token: string): SyncState {
  if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalidToken();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalidToken();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || parsed[0] !== TOKEN_VERSION) throw invalidToken();
  const [, seen, round, filter] = parsed as unknown[];
  if (!isSyncPoint(seen, true) || !isRound(round) || !isFilter(filter)) throw invalidToken();
  if (seen === null && round === null) throw invalidToken();
  return { seen, round, filter };
}

/** The token was minted for another tag or author than this request names. */
export function filterMismatch(): BadUserInputError {
  return BadUserInputError.of(
    "since",
    "syncFilter",
    'Argument "since" was issued for another tag or author: pass the same filter, or sync again without "since".',
  );
}

/** A token older than the tombstones' retention: the client must start over. */
export class SyncTokenExpiredError extends GraphQLError {
  constructor(retentionSeconds: number) {
    super(
      `This sync token is older than ${retentionSeconds} seconds, and removals before then may be forgotten: ` +
        'drop the local copy and sync again without "since".',
      { extensions: { code: ErrorCode.SYNC_TOKEN_EXPIRED, field: "since" } },
    );
  }
}

const invalidToken = () =>
  BadUserInputError.of("since", "syncToken", 'Argument "since" is not a token returned by feedChanges.');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function isSyncPoint(value: unknown, nullable: boolean): value is SyncPoint | null {
  if (value === null) return nullable;
  return isRecord(value) && isSnapshot(value.snapshot) && isIsoInstant(value.at);
}

function isRound(value: unknown): value is SyncState["round"] {
  if (value === null) return true;
  return isRecord(value) && isSyncPoint(value, false) && typeof value.after === "string" && isUuid(value.after);
}

function isFilter(value: unknown): value is SyncFilter {
  const slugOrNull = (slug: unknown) => slug === null || (typeof slug === "string" && slug.length <= 200);
  return isRecord(value) && slugOrNull(value.tag) && slugOrNull(value.author);
}

function isIsoInstant(value: unknown): value is string {
  return typeof value === "string" && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
}

/** Largest 64-bit transaction id PostgreSQL's `xid8` (and a signed bigint) holds. */
const MAX_XID8 = 2n ** 63n - 1n;

/**
 * Whether `value` is a `pg_snapshot` PostgreSQL accepts (`xmin:xmax:xip,...`, 0 < xmin <= xmax, each xip in
 * [xmin, xmax), ascending): checked here, so a forged token is a client error rather than a failed cast.
 */
export function isSnapshot(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = /^(\d{1,19}):(\d{1,19}):((?:\d{1,19})(?:,\d{1,19})*)?$/.exec(value);
  if (!match) return false;
  const xmin = BigInt(match[1]!);
  const xmax = BigInt(match[2]!);
  if (xmin === 0n || xmin > xmax || xmax > MAX_XID8) return false;
  let last = xmin;
  for (const xip of (match[3] ?? "").split(",").filter(Boolean).map(BigInt)) {
    if (xip < last || xip >= xmax) return false;
    last = xip;
  }
  return true;
}
