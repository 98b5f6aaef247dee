import express, { type ErrorRequestHandler } from "express";
import type { DataSource } from "typeorm";

import { ERROR_CODES, ErrorCode, type ErrorCodeRule } from "../common/errors";
import type { Config } from "../config";
import { probeDatabase } from "../database/availability";
import type { ReplicaStatus } from "../database/read-replicas";
import { errorCodeOf, logServerFault } from "../graphql/format-error";
import type { GraphQLEndpoint } from "../graphql/http-endpoint";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics";
import type { RequestLog, RequestRecord } from "../observability/request-log";
import { sandboxMiddleware } from "../sandbox/sandbox";
import { isGraphQLPath } from "./routing";

declare global {
  // Express's own extension point for `res.locals`: the request's record, set by the first middleware.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      request: RequestRecord;
    }
  }
}

export interface ExpressAppOptions {
  config: Pick<Config, "metrics" | "sandbox" | "sandboxAssetsDir" | "dbTimeouts">;
  dataSource: DataSource;
  requestLog: RequestLog;
  metrics: Metrics;
  /** GraphQL requests that reach Express (GETs the sandbox let through). */
  graphql: GraphQLEndpoint;
  logger: Logger;
  /** The response cache's store and whether it is usable, for /readyz (undefined when the cache is off). */
  responseCacheStatus?: () => { store: "memory" | "redis"; available: boolean };
  /** Each read replica's health, for /readyz (undefined without replicas). */
  replicaStatus?: () => ReplicaStatus[];
  /** The public feeds and sitemaps (src/syndication/). */
  syndication?: express.RequestHandler;
}

/**
 * Everything that is not a GraphQL request: the probes, /metrics, feeds and sitemaps, the offline sandbox at GET
 * /graphql, and coded JSON errors for what fails on the way.
 */
export function createExpressApp({
  config,
  dataSource,
  requestLog,
  metrics,
  graphql,
  logger,
  responseCacheStatus,
  replicaStatus,
  syndication,
}: ExpressAppOptions): express.Express {
  const app = express();
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
      await probeDatabase(dataSource, config.dbTimeouts.readinessMs);
      // A response cache without its store is not a failure: reads go to the database meanwhile.
      const responseCache = responseCacheStatus?.();
      // Nor are replicas left out: readers read the primary meanwhile.
      const replicas = replicaStatus?.();
      res.json({
        status: "ready",
        ...(responseCache && { responseCache }),
        ...(replicas && { replicas }),
      });
    } catch (error) {
      logger.warn({ reqId: res.locals.request.id, err: error }, "not ready: database unreachable");
      res.status(503).json({ status: "unavailable", reason: "database unreachable" });
    }
  });
  if (config.metrics) {
    app.get("/metrics", async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }
  if (syndication) app.use(syndication);
  // A browser asking for /graphql gets the offline GraphiQL IDE (when enabled); other GET requests it lets through
  // are GraphQL after all.
  app.use("/graphql", sandboxMiddleware({ enabled: config.sandbox, assetsDir: config.sandboxAssetsDir }));
  app.use("/graphql", (req, res, next) => {
    if (!isGraphQLPath(req.originalUrl.split("?")[0]!)) return next();
    graphql(req, res, res.locals.request);
  });
  app.use(httpErrors(logger));
  return app;
}

/** Body parser and other HTTP-level failures: a coded JSON error, never an HTML page or a stack trace. */
function httpErrors(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const record: RequestRecord | undefined = res.locals.request;
    // Express's body parser reports the client's mistakes with a 4xx `status`; everything else is ours.
    const clientStatus = typeof error?.status === "number" && error.status >= 400 && error.status < 500;
    const code = clientStatus ? ErrorCode.BAD_REQUEST : errorCodeOf(error);
    const rule: ErrorCodeRule = ERROR_CODES[code];
    const status = clientStatus ? (error.status as number) : rule.status;
    const message =
      rule.fault === "server" ? rule.message : status === 413 ? "Request body too large." : "Malformed request body.";
    record?.errorCodes.push(code);
    logServerFault(logger, code, { reqId: record?.id, err: error }, "unexpected HTTP error");
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
