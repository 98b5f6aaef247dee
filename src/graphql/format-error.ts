import { unwrapResolverError } from "@apollo/server/errors";
import type { ValidationError } from "class-validator";
import type { GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";

import { ErrorCode, type Violation } from "../common/errors";

/** Codes that describe the client's request and are safe to show as they are. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "QUERY_TOO_COMPLEX",
]);

/** Whether an error is about the client's request (shown as it is) rather than a fault of Byline's (masked). */
export function isClientError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof ArgumentValidationError) return true;
  const code = (original as { extensions?: { code?: unknown } })?.extensions?.code;
  return typeof code === "string" && CLIENT_CODES.has(code);
}

/**
 * The one place errors are shaped for clients: validation failures become BAD_USER_INPUT naming each field and rule;
 * client errors keep their code and message (never a stack trace); anything unexpected is masked (and logged, with
 * the request id, by the request logger).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const { message, locations, path } = formatted;
  if (original instanceof ArgumentValidationError) {
    const violations = flattenValidationErrors(original.extensions.validationErrors as ValidationError[]);
    return {
      message: violations.map((v) => v.message).join(" "),
      locations,
      path,
      extensions: { code: ErrorCode.BAD_USER_INPUT, violations },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { message, locations, path, extensions };
  }
  return { message: "Internal server error", locations, path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

function flattenValidationErrors(errors: ValidationError[], prefix = ""): Violation[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
