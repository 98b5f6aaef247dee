import http from "node:http";

import type express from "express";
import type { DataSource } from "typeorm";

import type { Config } from "./config";
import { poolOf } from "./database/data-source";
import { readerDataSource, ReadReplicas } from "./database/read-replicas";
import { Delivery } from "./delivery/delivery";
import { NO_PURGE, type Purge, type ResponseCacheRuntime, startResponseCache } from "./delivery/response-cache";
import { PublicationSchedule } from "./delivery/schedule";
import type { ArticleEvents } from "./events/events";
import { createApollo } from "./graphql/apollo";
import { createLoaders, createServices, replicaServices, type Services } from "./graphql/context";
import { type GraphQLEndpoint, graphqlEndpoint } from "./graphql/http-endpoint";
import { LiveServer } from "./graphql/live/live-server";
import { buildBylineSchema } from "./graphql/schema";
import { createExpressApp } from "./http/express-app";
import { isEventStreamPath, isGraphQLPath, mayWantSandboxPage, pathOf } from "./http/routing";
import { authenticate } from "./modules/auth/authenticate";
import { createLogger, type Logger } from "./observability/logger";
import { Metrics, poolStats } from "./observability/metrics";
import { RequestLog } from "./observability/request-log";
import { syndicationRouter } from "./syndication/syndication.router";
import { SyndicationService } from "./syndication/syndication.service";

export interface BylineServer {
  app: express.Express;
  httpServer: http.Server;
  metrics: Metrics;
  /** The next scheduled publication, which bounds caching; `refresh()` it when another instance has written. */
  schedule: PublicationSchedule;
  /** The read replicas and their health (null without DATABASE_REPLICA_URLS). */
  replicas: ReadReplicas | null;
  /** GraphQL subscriptions over WebSocket and SSE (`live.size` counts what is open). */
  live: LiveServer;
  /** Article events: `events.bus.subscribe(listener)` gets every event recorded by any instance, once, in order. */
  events: ArticleEvents;
  /**
   * Stops accepting, lets in-flight requests finish, then stops Apollo and closes the replicas' pools. Does not close
   * the primary database.
   */
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
  | "eventRetentionSeconds"
  | "metrics"
  | "limits"
  | "dbTimeouts"
  | "httpCache"
  | "compressionMinBytes"
  | "redisUrl"
  | "responseCache"
  | "site"
  | "syndication"
  | "counts"
  | "databaseReplicaUrls"
  | "replicas"
  | "dbPoolMax"
  | "redisCommandTimeoutMs"
  | "webhooks"
  | "subscriptions"
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
  // Migrations and every write stay on the primary: replicas are only read, by anonymous readers (readerDataSource).
  const replicas =
    config.databaseReplicaUrls.length > 0
      ? new ReadReplicas({
          urls: config.databaseReplicaUrls,
          primary: dataSource,
          ...config.replicas,
          poolMax: config.dbPoolMax,
          timeouts: config.dbTimeouts,
          logger,
        })
      : null;
  // Editorial writes purge the response cache, which is made below (it needs the metrics and the schedule).
  let responseCache: ResponseCacheRuntime | null = null;
  const purgeNow: Purge = config.responseCache.enabled
    ? (keys) => responseCache?.cache.purge(keys) ?? Promise.resolve()
    : NO_PURGE;
  // With replicas, a write answers once every replica in use has replayed it, and only then purges: no reader sent to
  // a replica afterwards reads, or caches, what it replaced. A replica that fell behind is left out here at once and
  // elsewhere at the next check; the keys are purged again once the replicas have caught up, for what a reader may
  // have cached from it meanwhile (in the background; the mutation does not wait).
  const purge: Purge = replicas
    ? async (keys) => {
        const purged = [...keys];
        await replicas.replayedWrites();
        await purgeNow(purged);
        if (purgeNow === NO_PURGE) return;
        void replicas
          .caughtUp()
          .then(() => purgeNow(purged))
          .catch((error: unknown) => logger.warn({ err: error }, "purge after replica replay failed"));
      }
    : purgeNow;
  const services = createServices(dataSource, config, purge);
  const schema = await buildBylineSchema(services);
  const servicesOn = new Map<DataSource, Services>(
    replicas?.dataSources.map((replica) => [replica, replicaServices(services, replica, config)]),
  );
  await replicas?.start();
  const metrics = new Metrics(() => poolStats(poolOf(dataSource)));
  if (replicas) metrics.replicaStatus = () => replicas.status();
  const requestLog = new RequestLog(logger, metrics, config.exposeSqlStatements);
  const schedule = new PublicationSchedule(dataSource);
  await schedule.refresh();
  await services.events.start({ logger, redisPrefix });
  services.webhooks.start(logger);
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
    } else if (isEventStreamPath(path)) {
      live.stream(req, res);
    } else {
      app(req, res);
    }
  });
  const apollo = createApollo(schema, config, httpServer, logger);
  const delivery = new Delivery({
    durations: config.httpCache,
    compressionMinBytes: config.compressionMinBytes,
    schedule,
  });
  await apollo.start();
  // Subscriptions: WebSocket upgrades of /graphql and event streams at /graphql/stream (src/graphql/live/).
  const live = new LiveServer({
    httpServer,
    schema,
    config,
    events: services.events.bus,
    articles: services.articles,
    loadersFor: (viewer) => createLoaders(dataSource, services, viewer),
    authenticate: (authorization) => authenticate(authorization, services.apiKeys),
    logger,
  });
  metrics.liveSize = () => live.size;
  const graphql: GraphQLEndpoint = graphqlEndpoint({
    apollo,
    bodyLimitBytes: config.bodyLimitBytes,
    countsStatements: config.exposeSqlStatements,
    authenticate: (authorization) => authenticate(authorization, services.apiKeys),
    context: (viewer, request, dependencies) => {
      const readsFrom = readerDataSource(viewer, dataSource, replicas);
      const readServices = servicesOn.get(readsFrom);
      return {
        viewer,
        request,
        statements: request.statements,
        dependencies,
        services: readServices,
        loaders: createLoaders(readsFrom, readServices ?? services, viewer, dependencies),
      };
    },
    responseCache: responseCache?.cache ?? null,
    delivery,
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
    replicaStatus: replicas ? () => replicas.status() : undefined,
    syndication: syndicationRouter({
      service: new SyndicationService(dataSource, services.feed, services.articleUrls, config),
      delivery,
      publication: { name: config.site.title, language: config.site.language },
      countsStatements: config.exposeSqlStatements,
    }),
  });

  return {
    app,
    httpServer,
    metrics,
    schedule,
    replicas,
    events: services.events,
    live,
    stop: async () => {
      schedule.stop();
      // In-flight HTTP requests finish first, then WebSockets close with 1001 and event streams end.
      await live.close();
      await apollo.stop();
      await services.webhooks.stop();
      await services.events.stop();
      await responseCache?.stop();
      await replicas?.stop();
    },
  };
}
