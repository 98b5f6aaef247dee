import http from "node:http";

import type express from "express";
import type { DataSource } from "typeorm";

import type { Config } from "./config";
import { poolOf } from "./database/data-source";
import { Delivery } from "./delivery/delivery";
import { NO_PURGE, type Purge, type ResponseCacheRuntime, startResponseCache } from "./delivery/response-cache";
import { PublicationSchedule } from "./delivery/schedule";
import { createApollo } from "./graphql/apollo";
import { createLoaders, createServices } from "./graphql/context";
import { type GraphQLEndpoint, graphqlEndpoint } from "./graphql/http-endpoint";
import { buildBylineSchema } from "./graphql/schema";
import { createExpressApp } from "./http/express-app";
import { isGraphQLPath, mayWantSandboxPage, pathOf } from "./http/routing";
import { authenticate } from "./modules/auth/authenticate";
import { createLogger, type Logger } from "./observability/logger";
import { Metrics, poolStats } from "./observability/metrics";
import { RequestLog } from "./observability/request-log";

export interface BylineServer {
  app: express.Express;
  httpServer: http.Server;
  metrics: Metrics;
  /** The next scheduled publication, which bounds caching; `refresh()` it when another instance has written. */
  schedule: PublicationSchedule;
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
  | "syncTombstoneRetentionSeconds"
  | "metrics"
  | "limits"
  | "dbTimeouts"
  | "httpCache"
  | "compressionMinBytes"
  | "redisUrl"
  | "responseCache"
>;

export interface ServerOptions {
  dataSource: DataSource;
  config: ServerConfig;
  logger?: Logger;
  /** Prefix of the response cache's Redis keys (tests give each server pair its own). */
  redisPrefix?: string;
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
  redisPrefix,
}: ServerOptions): Promise<BylineServer> {
  // Editorial writes purge the response cache, which is made below (it needs the metrics and the schedule).
  let responseCache: ResponseCacheRuntime | null = null;
  const purge: Purge = config.responseCache.enabled
    ? (keys) => responseCache?.cache.purge(keys) ?? Promise.resolve()
    : NO_PURGE;
  const services = createServices(dataSource, config, purge);
  const schema = await buildBylineSchema(services);
  const metrics = new Metrics(() => poolStats(poolOf(dataSource)));
  const requestLog = new RequestLog(logger, metrics, config.exposeSqlStatements);
  const schedule = new PublicationSchedule(dataSource);
  await schedule.refresh();
  if (config.responseCache.enabled) {
    responseCache = await startResponseCache({
      config,
      pool: poolOf(dataSource)!,
      schedule,
      metrics,
      logger,
      redisPrefix,
    });
  }

  // The handler refers to `graphql` and `app`, made below once Apollo (whose drain plugin needs this server) has
  // started; the server listens only after createServer returns.
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
  const graphql: GraphQLEndpoint = graphqlEndpoint({
    apollo,
    bodyLimitBytes: config.bodyLimitBytes,
    countsStatements: config.exposeSqlStatements,
    authenticate: (authorization) => authenticate(authorization, services.apiKeys),
    context: (viewer, request, dependencies) => ({
      viewer,
      request,
      statements: request.statements,
      dependencies,
      loaders: createLoaders(dataSource, services, viewer, dependencies),
    }),
    responseCache: responseCache?.cache ?? null,
    delivery: new Delivery({
      durations: config.httpCache,
      compressionMinBytes: config.compressionMinBytes,
      schedule,
    }),
    logger,
  });
  const app = createExpressApp({
    config,
    dataSource,
    requestLog,
    metrics,
    graphql,
    logger,
    responseCacheStatus: responseCache ? () => responseCache!.status() : undefined,
  });

  return {
    app,
    httpServer,
    metrics,
    schedule,
    stop: async () => {
      schedule.stop();
      await apollo.stop();
      await responseCache?.stop();
    },
  };
}
