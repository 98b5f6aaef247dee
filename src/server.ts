import http from "node:http";

import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express, { type ErrorRequestHandler } from "express";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";

import { ErrorCode } from "./common/errors";
import type { Config } from "./config";
import { poolOf } from "./database/data-source";
import { type Context, createLoaders, createServices } from "./graphql/context";
import { formatError, isClientError } from "./graphql/format-error";
import { graphqlEndpoint } from "./graphql/http-endpoint";
import { aliasLimitRule, costLimitPlugin, depthLimitRule } from "./graphql/limits";
import { buildBylineSchema } from "./graphql/schema";
import { authenticate } from "./modules/auth/authenticate";
import { createLogger, type Logger } from "./observability/logger";
import { Metrics, type PoolStats } from "./observability/metrics";
import { RequestLog, type RequestRecord } from "./observability/request-log";
import { sandboxMiddleware } from "./sandbox/sandbox";

export interface BylineServer {
  app: express.Express;
  httpServer: http.Server;
  metrics: Metrics;
  /** Stops accepting, lets in-flight requests finish, then stops Apollo. Does not close the database. */
  stop(): Promise<void>;
}

export type ServerConfig = Pick<
  Config,
  | "nodeEnv"
  | "bodyLimitBytes"
  | "exposeSqlStatements"
  | "previewSecret"
  | "sandbox"
  | "sandboxAssetsDir"
  | "introspection"
  | "readPath"
  | "metrics"
  | "limits"
>;

export interface ServerOptions {
  dataSource: DataSource;
  config: ServerConfig;
  logger?: Logger;
}

/**
 * Builds the HTTP server without listening (tests import it). A request goes: its id and log line (RequestLog), then
 * for GraphQL the lean endpoint on node:http (body limit, viewer, Apollo), for everything else Express (probes,
 * metrics, the sandbox, coded HTTP errors).
 */
export async function createServer({
  dataSource,
  config,
  logger = createLogger("silent"),
}: ServerOptions): Promise<BylineServer> {
  const services = createServices(dataSource, config);
  const schema = await buildBylineSchema(services);
  const metrics = new Metrics(() => poolStats(dataSource));
  const requestLog = new RequestLog(logger, metrics, config.exposeSqlStatements);
  const app = express();
  // The handler refers to `graphql`, made below once Apollo (whose drain plugin needs this server) has started; the
  // server listens only after createServer returns.
  const httpServer = http.createServer((req, res) => {
    const path = pathOf(req.url);
    if (isGraphQLPath(path) && !(config.sandbox && mayWantSandboxPage(req))) {
      graphql(req, res, requestLog.begin(req, res, path, true));
    } else {
      app(req, res);
    }
  });
  const apollo = createApollo(schema, config, httpServer, logger);
  await apollo.start();
  const graphql = graphqlEndpoint({
    apollo,
    bodyLimitBytes: config.bodyLimitBytes,
    countsStatements: config.exposeSqlStatements,
    authenticate: (authorization) => authenticate(authorization, services.apiKeys),
    context: (viewer, request) => ({
      viewer,
      request,
      statements: request.statements,
      loaders: createLoaders(dataSource, services, viewer),
    }),
    logger,
  });

  app.disable("x-powered-by");
  app.use((req, res, next) => {
    res.locals.request = requestLog.begin(req, res, req.path, isGraphQLPath(req.path));
    next();
  });
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await dataSource.query("SELECT 1");
      res.json({ status: "ready" });
    } catch (error) {
      logger.warn({ reqId: (res.locals.request as RequestRecord).id, err: error }, "not ready: database unreachable");
      res.status(503).json({ status: "unavailable", reason: "database unreachable" });
    }
  });
  if (config.metrics) {
    app.get("/metrics", async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }
  // A browser asking for /graphql gets the offline GraphiQL IDE (when enabled); other GET requests it lets through
  // are GraphQL after all.
  app.use("/graphql", sandboxMiddleware({ enabled: config.sandbox, assetsDir: config.sandboxAssetsDir }));
  app.use("/graphql", (req, res, next) => {
    if (!isGraphQLPath(req.originalUrl.split("?")[0]!)) return next();
    graphql(req, res, res.locals.request as RequestRecord);
  });
  app.use(httpErrors(logger));

  return { app, httpServer, metrics, stop: () => apollo.stop() };
}

function createApollo(
  schema: GraphQLSchema,
  config: ServerConfig,
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
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's own landing page loads from a CDN; Byline's sandbox is served offline instead.
      ApolloServerPluginLandingPageDisabled(),
      // Installed by default, it wraps every field resolver of the schema to gather cache hints no response uses yet.
      ApolloServerPluginCacheControlDisabled(),
      costLimitPlugin(schema, config.limits.maxCost),
      requestRecorder(logger),
      ...(config.exposeSqlStatements ? [statementCountHeader()] : []),
    ],
  });
}

const pathOf = (url: string | undefined): string => {
  const path = url ?? "/";
  const query = path.indexOf("?");
  return query >= 0 ? path.slice(0, query) : path;
};

const isGraphQLPath = (path: string): boolean => path === "/graphql" || path === "/graphql/";

/** A GET that a browser may be making for the sandbox page (the sandbox middleware decides exactly). */
const mayWantSandboxPage = (req: http.IncomingMessage): boolean =>
  req.method === "GET" && (req.headers.accept ?? "").includes("text/html");

function poolStats(dataSource: DataSource): PoolStats | null {
  const pool = poolOf(dataSource);
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

/** Notes the operation and error codes for the log line, and logs unexpected errors with the request id. */
function requestRecorder(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didResolveOperation({ operationName }) {
          if (contextValue.request) contextValue.request.operation = operationName;
        },
        async didEncounterErrors({ errors, request }) {
          for (const error of errors) {
            if (!isClientError(error)) {
              logger.error(
                { reqId: contextValue.request?.id, operation: request.operationName, err: error },
                "unexpected error",
              );
            }
          }
        },
        async willSendResponse({ response }) {
          if (!contextValue.request || response.body.kind !== "single") return;
          contextValue.request.operation ??= null;
          for (const error of response.body.singleResult.errors ?? []) {
            contextValue.request.errorCodes.push(String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR));
          }
        },
      };
    },
  };
}

/** `X-SQL-Statements`: what the request cost in SQL statements (development aid; off in production by default). */
function statementCountHeader(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          response.http.headers.set("x-sql-statements", String(contextValue.statements?.count ?? 0));
        },
      };
    },
  };
}

/** Body parser and other HTTP-level failures: a coded JSON error, never an HTML page or a stack trace. */
function httpErrors(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message =
      status === 413 ? "Request body too large." : status < 500 ? "Malformed request body." : "Internal server error";
    const code = status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_SERVER_ERROR;
    const record = res.locals.request as RequestRecord | undefined;
    record?.errorCodes.push(code);
    if (status >= 500) logger.error({ reqId: record?.id, err: error }, "unexpected HTTP error");
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
