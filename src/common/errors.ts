import { GraphQLError } from "graphql";

/**
 * What one error code means for an answer. `status` is the HTTP status of an answer the error stops before anything
 * is answered; a field error beside other fields' data leaves the answer at 200 (GraphQL over HTTP) unless
 * `evenBesideData`. A client error is shown as it is; a server fault is masked: `message` replaces what went wrong
 * (which is logged with the request id instead).
 */
export type ErrorCodeRule = { status: number; evenBesideData: boolean; meaning: string } & (
  { fault: "client" } | { fault: "server"; message: string }
);

/**
 * Every code a client can see in `errors[].extensions.code`, and nothing else: the formatter masks any other as
 * INTERNAL_SERVER_ERROR. Apollo Server emits the GRAPHQL_*, OPERATION_RESOLUTION_FAILURE and PERSISTED_QUERY_* codes
 * (its ApolloServerErrorCode; a unit test keeps the two in step), Byline the rest. The README's table of error codes
 * is this table (a unit test compares them).
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: {
    status: 400,
    evenBesideData: false,
    fault: "client",
    meaning:
      "an argument or input field breaks a rule (`extensions.violations` names each): `first` outside 1..50, a malformed cursor or id, `id` and `slug` both or neither, an invalid slug or URL; 400 only when the operation cannot run at all, e.g. a wrongly typed variable",
  },
  BAD_REQUEST: {
    status: 400,
    evenBesideData: false,
    fault: "client",
    meaning:
      "the HTTP request itself is unusable: malformed JSON, a body over `BODY_LIMIT_BYTES` (413), a mutation over GET (405), a GET without a CSRF-safe header, no query",
  },
  NOT_FOUND: {
    status: 200,
    evenBesideData: false,
    fault: "client",
    meaning: "a mutation names a record that does not exist (lookups return null instead)",
  },
  CONFLICT: {
    status: 200,
    evenBesideData: false,
    fault: "client",
    meaning:
      "a stale `version` (`extensions.currentVersion`), a taken slug, a duplicate, deleting an author who still has articles",
  },
  SYNC_TOKEN_EXPIRED: {
    status: 200,
    evenBesideData: false,
    fault: "client",
    meaning:
      "a `feedChanges(since:)` token older than `SYNC_TOMBSTONE_RETENTION`: removals since then may be forgotten, so the client drops its copy and syncs again without `since`",
  },
  UNAUTHENTICATED: {
    status: 401,
    evenBesideData: true,
    fault: "client",
    meaning: "a protected operation without a key, or an unknown, revoked or malformed key",
  },
  FORBIDDEN: {
    status: 403,
    evenBesideData: true,
    fault: "client",
    meaning: "a valid key without the role the operation needs",
  },
  QUERY_TOO_COMPLEX: {
    status: 400,
    evenBesideData: false,
    fault: "client",
    meaning: "the operation's page-size-aware cost is over `MAX_QUERY_COST` (`extensions.cost`, `extensions.max`)",
  },
  TOO_MANY_SUBSCRIPTIONS: {
    status: 429,
    evenBesideData: false,
    fault: "client",
    meaning:
      "a subscription over `SUBSCRIPTIONS_PER_CONNECTION` on one WebSocket, or a connection over `SUBSCRIPTION_CONNECTIONS_PER_KEY` for one key (`SUBSCRIPTION_CONNECTIONS_PER_ADDRESS` for one anonymous address); close the ones not needed",
  },
  GRAPHQL_PARSE_FAILED: {
    status: 400,
    evenBesideData: false,
    fault: "client",
    meaning: "the document is not GraphQL, or has more than `MAX_TOKENS` tokens",
  },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    evenBesideData: false,
    fault: "client",
    meaning:
      "the document does not fit the schema, or is too deep or has too many aliases (`extensions.limit`); introspection when it is off",
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    evenBesideData: false,
    fault: "client",
    meaning: "the `operationName` names no operation of the document, or several operations and no name",
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 200,
    evenBesideData: false,
    fault: "client",
    meaning: "an automatic persisted query's hash is not known yet: send it again with its query",
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: 200,
    evenBesideData: false,
    fault: "client",
    meaning: "persisted queries are turned off",
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    evenBesideData: true,
    fault: "server",
    message: "The service is temporarily unavailable: the database did not answer in time. Try again shortly.",
    meaning:
      "the database did not answer within a bound (`DB_CONNECT_TIMEOUT_MS`, `DB_STATEMENT_TIMEOUT_MS`, `DB_QUERY_TIMEOUT_MS`) or is down; a mutation is written whole or not at all, and a retry may succeed",
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    evenBesideData: false,
    fault: "server",
    message: "Internal server error",
    meaning: "a fault of Byline's, never of the client's input; logged with the request id",
  },
} as const satisfies Record<string, ErrorCodeRule>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes by name (`ErrorCode.CONFLICT`), for code that raises one. */
export const ErrorCode = Object.fromEntries(Object.keys(ERROR_CODES).map((code) => [code, code])) as {
  readonly [C in ErrorCode]: C;
};

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === "string" && Object.hasOwn(ERROR_CODES, value);

/**
 * The HTTP status of an answer carrying these codes, given the status GraphQL over HTTP chose (Apollo's): the highest
 * status of a code that holds even beside data (401, 403, 503), else the one chosen.
 */
export function answerStatus(chosen: number, codes: readonly ErrorCode[]): number {
  const forced = codes.map((code) => ERROR_CODES[code] as ErrorCodeRule).filter((rule) => rule.evenBesideData);
  return forced.length > 0 ? Math.max(...forced.map((rule) => rule.status)) : chosen;
}

/** One broken rule of one argument or input field. */
export interface Violation {
  /** Argument name or input field path, e.g. `first` or `input.slug`. */
  field: string;
  /** The rule that failed, e.g. `max`, `isUuid`, `cursor`. */
  rule: string;
  message: string;
}

/**
 * Something the client sent is unusable. `extensions.violations` names each field and rule, so a client can point
 * at the exact input.
 */
export class BadUserInputError extends GraphQLError {
  constructor(violations: Violation[]) {
    super([...new Set(violations.map((v) => v.message))].join(" "), {
      extensions: { code: ErrorCode.BAD_USER_INPUT, violations },
    });
  }

  static of(field: string, rule: string, message: string): BadUserInputError {
    return new BadUserInputError([{ field, rule, message }]);
  }
}

/** Exactly one of the named lookup arguments must be given (e.g. `article(id:)` or `article(slug:)`). */
export function requireExactlyOne<T extends object>(args: T, names: (keyof T & string)[]): void {
  const given = names.filter((name) => args[name] !== undefined && args[name] !== null);
  if (given.length !== 1) {
    const list = names.map((name) => `"${name}"`).join(" or ");
    const message = `Pass exactly one of ${list}.`;
    throw new BadUserInputError(names.map((field) => ({ field, rule: "exactlyOne", message })));
  }
}

/** A mutation named a record that does not exist. */
export class NotFoundError extends GraphQLError {
  constructor(field: string, what: string) {
    super(`No ${what} with this ${field}.`, { extensions: { code: ErrorCode.NOT_FOUND, field } });
  }
}

/**
 * The change collides with the stored state: a taken slug, a duplicate, or a stale `version` (then
 * `extensions.currentVersion` says what the client should re-read).
 */
export class ConflictError extends GraphQLError {
  constructor(message: string, extensions: { field?: string; currentVersion?: number } = {}) {
    super(message, { extensions: { code: ErrorCode.CONFLICT, ...extensions } });
  }
}
