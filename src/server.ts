import { randomUUID } from "node:crypto";
import http from "node:http";

import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import type { DataSource } from "typeorm";

import { ErrorCode } from "./common/errors";
import type { Config } from "./config";
import { type StatementTally, withStatementTally } from "./database/statement-counter";
import { type Context, createLoaders, createServices, type RequestRecord, type Services } from "./graphql/context";
import { formatError, isClientError } from "./graphql/format-error";
import { aliasLimitRule, costLimitPlugin, depthLimitRule } from "./graphql/limits";
import { buildBylineSchema } from "./graphql/schema";
import { UnauthenticatedError } from "./modules/auth/auth-errors";
import { authenticate } from "./modules/auth/authenticate";
import type { Viewer } from "./modules/auth/viewer";
import { createLogger, type Logger } from "./observability/logger";
import { Metrics, type PoolStats } from "./observability/metrics";
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

/** Builds the HTTP app (GraphQL at /graphql, probes at /healthz and /readyz, /metrics) without listening. */
export async function createServer({
  dataSource,
  config,
  logger = createLogger("silent"),
}: ServerOptions): Promise<BylineServer> {
  const services = createServices(dataSource, config);
  const schema = await buildBylineSchema(services);
  const metrics = new Metrics(() => poolStats(dataSource));
  const app = express();
  const httpServer = http.createServer(app);
  const production = config.nodeEnv === "production";
  const apollo = new ApolloServer<Context>({
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
  await apollo.start();

  app.disable("x-powered-by");
  app.use(requestLog(logger, metrics, config.exposeSqlStatements));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await dataSource.query("SELECT 1");
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "unavailable", reason: "database unreachable" });
    }
  });
  if (config.metrics) {
    app.get("/metrics", async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }
  // Before Apollo: a browser asking for /graphql gets the offline GraphiQL IDE (when enabled).
  app.use("/graphql", sandboxMiddleware({ enabled: config.sandbox, assetsDir: config.sandboxAssetsDir }));
  app.use(
    "/graphql",
    express.json({ limit: config.bodyLimitBytes }),
    (_req, res, next) => {
      const tally: StatementTally = { count: 0 };
      res.locals.statements = tally;
      // TypeORM's statements are counted through async context, which costs every request a little: only when the
      // count is shown. The reader pages' own statements are counted on the tally directly.
      if (config.exposeSqlStatements) withStatementTally(tally, next);
      else next();
    },
    authenticateRequest(services),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const viewer = res.locals.viewer as Viewer;
        return {
          viewer,
          loaders: createLoaders(dataSource, services, viewer),
          statements: res.locals.statements as StatementTally,
          request: res.locals.request as RequestRecord,
        };
      },
    }),
  );
  app.use(httpErrors(logger));

  return { app, httpServer, metrics, stop: () => apollo.stop() };
}

function poolStats(dataSource: DataSource): PoolStats | null {
  const pool = (
    dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }
  ).master;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Gives every request an id (a well-formed incoming `X-Request-Id`, or a new one), and when it is answered writes one
 * log line and the metrics: operation, status, duration, SQL statements (when counted, see EXPOSE_SQL_STATEMENTS),
 * error codes. Never headers or variables.
 */
function requestLog(logger: Logger, metrics: Metrics, countsStatements: boolean): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get("x-request-id");
    const record: RequestRecord = {
      id: incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID(),
      errorCodes: [],
    };
    res.locals.request = record;
    res.setHeader("x-request-id", record.id);
    const started = process.hrtime.bigint();
    const path = req.path; // read now: mounted routers rewrite req.url while they run
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const graphql = path === "/graphql" && req.method === "POST";
      const line = {
        reqId: record.id,
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(graphql && {
          operation: record.operation ?? null,
          ...(countsStatements && { sqlStatements: (res.locals.statements as StatementTally | undefined)?.count ?? 0 }),
          errorCodes: record.errorCodes,
        }),
      };
      if (graphql) {
        logger.info(line, "graphql request");
        metrics.requestDuration.observe(
          { operation: metrics.operationLabel(record.operation), status: String(res.statusCode) },
          seconds,
        );
        for (const code of record.errorCodes) metrics.errors.inc({ code });
      } else {
        logger.debug(line, "http request");
      }
    });
    next();
  };
}

/** The viewer from the Authorization header; a key that is not valid is answered 401 before GraphQL runs. */
function authenticateRequest(services: Services): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.viewer = await authenticate(req.get("authorization"), services.apiKeys);
      next();
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) return next(error);
      (res.locals.request as RequestRecord).errorCodes.push(ErrorCode.UNAUTHENTICATED);
      res.status(401).json({ errors: [{ message: error.message, extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
    }
  };
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
    const code = status < 500 ? "BAD_REQUEST" : ErrorCode.INTERNAL_SERVER_ERROR;
    const record = res.locals.request as RequestRecord | undefined;
    record?.errorCodes.push(code);
    if (status >= 500) logger.error({ reqId: record?.id, err: error }, "unexpected HTTP error");
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
