import { randomUUID } from "node:crypto";

import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from "graphql";
import { getVariableValues } from "graphql/execution/values";

import { ErrorCode } from "../../common/errors";
import type { Config } from "../../config";
import type { Viewer } from "../../modules/auth/viewer";
import type { LiveArticles, LiveContext } from "../../modules/subscriptions/live-articles";
import type { Logger } from "../../observability/logger";
import type { Loaders } from "../context";
import { errorCodeOf, formatError, logServerFault } from "../format-error";
import { aliasLimitRule, type CostMeter, createCostMeter, depthLimitRule, tooComplexError } from "../limits";

/** What a client sends to start a subscription (graphql-ws's `subscribe` payload, graphql-sse's request). */
export interface LiveRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

export interface LiveOperationsOptions {
  schema: GraphQLSchema;
  config: Pick<Config, "limits" | "introspection">;
  live: LiveArticles;
  /** The loaders of a subscription's context (each event's answers then share those of its kind of viewer). */
  loadersFor(viewer: Viewer): Loaders;
  logger: Logger;
}

/** Only subscriptions are served live; everything else has its HTTP endpoint (with its cache, limits and logs). */
const ONLY_SUBSCRIPTIONS =
  "Only subscriptions are served over WebSocket and Server-Sent Events; send queries and mutations to POST /graphql.";

const coded = (message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { ...extensions, code } });

/**
 * Subscriptions as both live transports (WebSocket, SSE) run them, under the rules of HTTP requests: WebSocket and SSE
 * traffic passes through none of Apollo's plugins or validation rules, so the same limits (tokens, depth, aliases,
 * cost, from src/graphql/limits.ts) are applied here before anything runs, and every error goes through the one
 * formatter (src/graphql/format-error.ts).
 */
export class LiveOperations {
  private readonly rules: ValidationRule[];
  private readonly costOf: CostMeter;

  constructor(private readonly options: LiveOperationsOptions) {
    const { limits, introspection } = options.config;
    this.rules = [
      ...specifiedRules,
      depthLimitRule(limits.maxDepth),
      aliasLimitRule(limits.maxAliases),
      ...(introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ];
    this.costOf = createCostMeter(options.schema);
  }

  /** The execution arguments of a subscription for `viewer`, or the coded errors that refuse it. */
  prepare(request: LiveRequest, viewer: Viewer): ExecutionArgs | GraphQLError[] {
    const { schema, config } = this.options;
    const { query, operationName, variables } = request;
    if (typeof query !== "string" || query.trim() === "") {
      return [coded("The request has no query.", ErrorCode.BAD_REQUEST)];
    }
    if (operationName != null && typeof operationName !== "string") {
      return [coded("`operationName` must be a string.", ErrorCode.BAD_REQUEST)];
    }
    if (variables != null && (typeof variables !== "object" || Array.isArray(variables))) {
      return [coded("`variables` must be an object.", ErrorCode.BAD_REQUEST)];
    }
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: config.limits.maxTokens });
    } catch (error) {
      const message = error instanceof GraphQLError ? error.message : "The document is not GraphQL.";
      return [coded(message, ErrorCode.GRAPHQL_PARSE_FAILED)];
    }
    const invalid = validate(schema, document, this.rules);
    if (invalid.length > 0) {
      return invalid.map((error) => coded(error.message, ErrorCode.GRAPHQL_VALIDATION_FAILED, { ...error.extensions }));
    }
    const operation = getOperationAST(document, operationName ?? undefined);
    if (!operation) {
      const message = operationName
        ? `Unknown operation named "${operationName}".`
        : "Must provide operation name if query contains multiple operations.";
      return [coded(message, ErrorCode.OPERATION_RESOLUTION_FAILURE)];
    }
    if (operation.operation !== "subscription") return [coded(ONLY_SUBSCRIPTIONS, ErrorCode.BAD_REQUEST)];
    const values = (variables ?? {}) as Record<string, unknown>;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], values, { maxErrors: 10 });
    if (coerced.errors) {
      return coerced.errors.map((error) => coded(error.message, ErrorCode.BAD_USER_INPUT));
    }
    const cost = this.costOf(document, operationName ?? undefined, values);
    if (cost > config.limits.maxCost) return [tooComplexError(cost, config.limits.maxCost)];
    return {
      schema,
      document,
      operationName: operationName ?? undefined,
      variableValues: values,
      contextValue: this.context(viewer),
    };
  }

  /** A result as clients get it: each error through the one formatter, server faults logged with the request id. */
  format(result: ExecutionResult, context?: unknown): FormattedExecutionResult {
    if (!result.errors?.length) return result as FormattedExecutionResult;
    return { ...result, errors: this.formatErrors(result.errors, context) };
  }

  formatErrors(errors: readonly GraphQLError[], context?: unknown) {
    const reqId = (context as LiveContext | undefined)?.request?.id;
    return errors.map((error) => {
      logServerFault(this.options.logger, errorCodeOf(error), { reqId, err: error }, "subscription error");
      return formatError(error.toJSON(), error);
    });
  }

  private context(viewer: Viewer): LiveContext {
    const request = { id: randomUUID(), errorCodes: [], statements: { count: 0 } };
    return {
      viewer,
      request,
      statements: request.statements,
      dependencies: null,
      loaders: this.options.loadersFor(viewer),
      live: this.options.live,
    };
  }
}
