import type http from "node:http";
import type { Duplex } from "node:stream";

import type { GraphQLSchema } from "graphql";

import { ErrorCode } from "../../common/errors";
import type { Config } from "../../config";
import { isEventStreamPath, isGraphQLPath, pathOf } from "../../http/routing";
import type { ArticleService } from "../../modules/articles/article.service";
import type { Viewer } from "../../modules/auth/viewer";
import { type ArticleEventSource, LiveArticles } from "../../modules/subscriptions/live-articles";
import type { Logger } from "../../observability/logger";
import type { Loaders } from "../context";
import { ConnectionLimits } from "./connection-limits";
import { LiveOperations } from "./live-operations";
import { EventStreams } from "./sse";
import { WebSockets } from "./websocket";

export interface LiveServerOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  config: Pick<Config, "subscriptions" | "limits" | "introspection" | "bodyLimitBytes">;
  events: ArticleEventSource;
  /** Where events' articles are re-read: the primary (a replica may not have the write that made the event yet). */
  articles: ArticleService;
  loadersFor(viewer: Viewer): Loaders;
  authenticate(authorization: string | undefined): Promise<Viewer>;
  logger: Logger;
}

/** How long shutdown waits for in-flight HTTP requests before closing the live connections anyway. */
const DRAIN_WAIT_MS = 10_000;

/**
 * GraphQL subscriptions on the HTTP server: WebSocket (graphql-ws) upgrades of /graphql and event streams (graphql-sse)
 * at /graphql/stream, over the article events of every instance. `close` is the shutdown: refuse new live
 * connections, stop listening, let in-flight HTTP requests finish, then close every socket with 1001 (going away) and
 * end every stream, so clients reconnect to another instance having missed nothing that was written before.
 */
export class LiveServer {
  private readonly websockets: WebSockets;
  private readonly streams: EventStreams;
  private readonly live: LiveArticles;
  /** Plain HTTP requests being answered now (event streams are not counted: they never finish by themselves). */
  private inFlight = 0;
  private drained: (() => void) | null = null;
  private closing = false;

  constructor(private readonly options: LiveServerOptions) {
    const { httpServer, schema, config, logger } = options;
    const live = (this.live = new LiveArticles(options.events, options.articles, options.loadersFor, logger));
    const operations = new LiveOperations({ schema, config, live, loadersFor: options.loadersFor, logger });
    const connections = new ConnectionLimits(config.subscriptions);
    this.websockets = new WebSockets({
      operations,
      limits: config.subscriptions,
      connections,
      authenticate: options.authenticate,
      logger,
    });
    this.streams = new EventStreams({
      operations,
      connections,
      bodyLimitBytes: config.bodyLimitBytes,
      authenticate: options.authenticate,
      logger,
    });
    httpServer.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(req, socket, head),
    );
    httpServer.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (isEventStreamPath(pathOf(req.url))) return;
      this.inFlight += 1;
      res.once("close", () => {
        this.inFlight -= 1;
        if (this.inFlight === 0) this.drained?.();
      });
    });
  }

  /** Serves an event-stream request. */
  stream(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.closing) return refuse(res, 503, "The server is shutting down: reconnect.");
    this.streams.handle(req, res);
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!isGraphQLPath(pathOf(req.url))) return void socket.end("HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n");
    if (this.closing) return void socket.end("HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\n\r\n");
    this.websockets.upgrade(req, socket, head);
  }

  /** Live connections and subscriptions open now. */
  get size(): { websockets: number; streams: number; subscriptions: number } {
    return { websockets: this.websockets.size, streams: this.streams.size, subscriptions: this.live.subscriptions };
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.options.httpServer.close();
    if (this.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => (this.drained = resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_WAIT_MS))),
      ]);
      clearTimeout(timer);
    }
    await Promise.all([this.websockets.close(), this.streams.close()]);
  }
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  const text = JSON.stringify({ errors: [{ message, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }] });
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}
