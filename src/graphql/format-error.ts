import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import type { ValidationError } from "class-validator";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";

import {
  answerStatus,
  ERROR_CODES,
  ErrorCode,
  type ErrorCodeRule,
  isErrorCode,
  type Violation,
} from "../common/errors";
import { isDatabaseUnavailable } from "../database/availability";
import type { Logger } from "../observability/logger";

/**
 * graphql-js's own coercion of a field's arguments during execution, e.g. a null variable given for a non-null
 * argument that has a default (`$n: Int` used as `first: $n`, which validation allows): the client's mistake. These
 * errors carry no code of their own, so their messages (graphql/execution/values.js) are what tells them apart.
 */
const ARGUMENT_COERCION =
  /^Argument "[^"]+" (of required type .* was (not provided|provided the variable)|of non-null type .* must not be null\.$|has invalid value )/;

function isArgumentCoercionError(error: unknown): boolean {
  return error instanceof GraphQLError && error.originalError === undefined && ARGUMENT_COERCION.test(error.message);
}

/**
 * The one decision of which code an error is answered with: argument validation is BAD_USER_INPUT, a database that
 * did not answer is SERVICE_UNAVAILABLE, a code of the closed set stays itself, anything else is
 * INTERNAL_SERVER_ERROR. Takes what Apollo hands over (a located GraphQLError) or what was thrown before Apollo.
 */
export function errorCodeOf(error: unknown): ErrorCode {
  const original = unwrapResolverError(error);
  if (original instanceof ArgumentValidationError || isArgumentCoercionError(original)) return ErrorCode.BAD_USER_INPUT;
  if (isDatabaseUnavailable(original)) return ErrorCode.SERVICE_UNAVAILABLE;
  for (const candidate of [original, error]) {
    const code = (candidate as { extensions?: { code?: unknown } } | null)?.extensions?.code;
    if (isErrorCode(code)) return code;
  }
  // Apollo answers a few request errors with a 4xx status and no code (a persisted query whose sha does not match
  // its text): the request is unusable as sent.
  const status = (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http?.status;
  if (typeof status === "number" && status >= 400 && status < 500) return ErrorCode.BAD_REQUEST;
  return ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * Logs an error answered with a server fault's code, with the request's fields: a database that did not answer as a
 * warning (it is not Byline's bug, and it says so), anything else as an error. Client errors are not logged.
 */
export function logServerFault(
  logger: Logger,
  code: ErrorCode,
  fields: Record<string, unknown>,
  message = "unexpected error",
): void {
  if (code === ErrorCode.SERVICE_UNAVAILABLE) logger.warn(fields, "database unavailable");
  else if (ERROR_CODES[code].fault === "server") logger.error(fields, message);
}

/**
 * The one place errors are shaped for clients: validation failures become BAD_USER_INPUT naming each field and rule;
 * client errors keep their code and message (never a stack trace); server faults are masked with their code's
 * message (and logged, with the request id, by the request logger).
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
  const code = errorCodeOf(error);
  const rule: ErrorCodeRule = ERROR_CODES[code];
  if (rule.fault === "server") return { message: rule.message, locations, path, extensions: { code } };
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  return { message, locations, path, extensions: { ...extensions, code } };
}

/**
 * Gives an answer with an error of a code that holds even beside data (UNAUTHENTICATED, FORBIDDEN,
 * SERVICE_UNAVAILABLE) that code's status. A database failure carries no HTTP status of its own: without this, a
 * query whose fields all timed out would be answered 200.
 */
export function errorStatusPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const codes = (response.body.singleResult.errors ?? []).map((error) => error.extensions?.code);
          response.http.status = answerStatus(response.http.status ?? 200, codes.filter(isErrorCode));
        },
      };
    },
  };
}

function flattenValidationErrors(errors: ValidationError[], prefix = ""): Violation[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
