import { GraphQLError } from "graphql";

/** The error codes a client can see, in `errors[].extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  /** The HTTP request itself is unusable: a body over the limit, or one that is not JSON. */
  BAD_REQUEST: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

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
