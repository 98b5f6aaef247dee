import http from "node:http";

import type express from "express";
import type { DataSource } from "typeorm";

import type { Config } from "./config";
import { poolOf } from "./database/data-source";
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
  | "dbTimeouts"
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
  const metrics = new Metrics(() => poolStats(poolOf(dataSource)));
  const requestLog = new RequestLog(logger, metrics, config.exposeSqlStatements);

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
    context: (viewer, request) => ({
      viewer,
      request,
      statements: request.statements,
      loaders: createLoaders(dataSource, services, viewer),
    }),
    logger,
  });
  const app = createExpressApp({ config, dataSource, requestLog, metrics, graphql, logger });

  return { app, httpServer, metrics, stop: () => apollo.stop() };
}
