import type http from "node:http";

import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import type { GraphQLSchema } from "graphql";

import { ErrorCode, isErrorCode } from "../common/errors";
import type { Config } from "../config";
import { cachePolicyPlugin } from "../delivery/cache-policy";
import { cacheableOperationPlugin } from "../delivery/dependencies";
import { sqlAnswersPlugin } from "../modules/news-feed/sql-answers";
import type { Logger } from "../observability/logger";
import type { Context } from "./context";
import { errorCodeOf, errorStatusPlugin, formatError, logServerFault } from "./format-error";
import { stringifyResult } from "./json-text";
import { aliasLimitRule, costLimitPlugin, depthLimitRule } from "./limits";

export type ApolloConfig = Pick<
  Config,
  "nodeEnv" | "introspection" | "limits" | "exposeSqlStatements" | "responseCache" | "readPath"
>;

/**
 * Apollo as Byline runs it: the error formatter, the query limits, CSRF prevention, no batching, and only the plugins
 * a request needs (drain on stop, cost limit, error statuses, the request log, the statement header when exposed).
 */
export function createApollo(
  schema: GraphQLSchema,
  config: ApolloConfig,
  httpServer: http.Server,
  logger: Logger,
): ApolloServer<Context> {
  const production = config.nodeEnv === "production";
  return new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config.introspection,
    // No "Did you mean ...?" hints that map the schema for a stranger.
    hideSchemaDetailsFromClientErrors: production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: [depthLimitRule(config.limits.maxDepth), aliasLimitRule(config.limits.maxAliases)],
    stopOnTerminationSignals: false,
    // A root field answered in SQL goes into the response as the JSON text PostgreSQL wrote.
    stringifyResult,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's own landing page loads from a CDN; Byline's sandbox is served offline instead.
      ApolloServerPluginLandingPageDisabled(),
      // Installed by default, it wraps every field resolver of the schema to gather cache hints no response uses yet.
      ApolloServerPluginCacheControlDisabled(),
      // Byline's own: one cache decision per parsed operation, for Cache-Control (src/delivery/).
      cachePolicyPlugin(),
      // The response cache's: which anonymous reads it may keep (src/delivery/dependencies.ts).
      ...(config.responseCache.enabled ? [cacheableOperationPlugin()] : []),
      costLimitPlugin(schema, config.limits.maxCost),
      errorStatusPlugin(),
      ...(config.readPath === "sql-answers" ? [sqlAnswersPlugin()] : []),
      requestLogPlugin(logger),
      ...(config.exposeSqlStatements ? [statementCountHeader()] : []),
    ],
  });
}

/** `X-SQL-Statements`: what the request cost in SQL statements (development aid; off in production by default). */
function statementCountHeader(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          response.http.headers.set("x-sql-statements", String(contextValue.statements?.count ?? 0));
          // Whether PostgreSQL wrote the whole answer (src/modules/news-feed/sql-answers.ts).
          response.http.headers.set("x-answered-in-sql", String(contextValue.request?.answeredInSql === true));
        },
      };
    },
  };
}

/**
 * Fills in the request's record for its log line (RequestLog): the operation and the answer's error codes; logs a
 * server fault with the request id as it happens.
 */
function requestLogPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didResolveOperation({ operationName }) {
          if (contextValue.request) contextValue.request.operation = operationName;
        },
        async didEncounterErrors({ errors, request }) {
          for (const error of errors) {
            const fields = { reqId: contextValue.request?.id, operation: request.operationName, err: error };
            logServerFault(logger, errorCodeOf(error), fields, "unexpected error");
          }
        },
        async willSendResponse({ response }) {
          if (!contextValue.request || response.body.kind !== "single") return;
          contextValue.request.operation ??= null;
          for (const error of response.body.singleResult.errors ?? []) {
            const code = error.extensions?.code;
            contextValue.request.errorCodes.push(isErrorCode(code) ? code : ErrorCode.INTERNAL_SERVER_ERROR);
          }
        },
      };
    },
  };
}
