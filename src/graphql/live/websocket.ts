import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

import type { Disposable } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";

import { ERROR_CODES, ErrorCode } from "../../common/errors";
import type { SubscriptionLimits } from "../../config";
import type { Viewer } from "../../modules/auth/viewer";
import type { Logger } from "../../observability/logger";
import { errorCodeOf } from "../format-error";
import { type ConnectionLimits, tooManySubscriptions } from "./connection-limits";
import type { LiveOperations } from "./live-operations";

/**
 * Close codes of a WebSocket refused at `connection_init`, after graphql-ws's own (4401 Unauthorized, 4400 Bad
 * request, 4429 for a connection over its bound). The close reason is `<ERROR CODE>: <message>`.
 */
const CLOSE_CODES: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 4401,
  BAD_REQUEST: 4400,
  TOO_MANY_SUBSCRIPTIONS: 4429,
  SERVICE_UNAVAILABLE: 1013, // try again later
};
/** Closing on shutdown: the client reconnects, to another instance. */
export const GOING_AWAY = 1001;
/** The longest close reason WebSocket allows, in bytes. */
const MAX_REASON_BYTES = 123;
/** How long shutdown waits for clients to answer the close frame before dropping them. */
const CLOSE_WAIT_MS = 2_000;

interface ConnectionState extends Record<PropertyKey, unknown> {
  viewer: Viewer;
  release: () => void;
}

export interface WebSocketsOptions {
  operations: LiveOperations;
  limits: SubscriptionLimits;
  connections: ConnectionLimits;
  /** The viewer of an `authorization` init parameter, like the Authorization header's (throws a coded error). */
  authenticate(authorization: string | undefined): Promise<Viewer>;
  logger: Logger;
}

/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the /graphql path. The API key comes in the init payload
 * (`{ authorization: "Bearer <key>" }`); a key that is not valid closes the socket with 4401 and the reason
 * `UNAUTHENTICATED: ...`. Bounds: `connection_init` within `initTimeoutMs` (4408), a ping every `pingIntervalMs`
 * (terminated without a pong), messages up to `maxMessageBytes` (1009), `perConnection` subscriptions at once (a
 * TOO_MANY_SUBSCRIPTIONS error for the one past it) and the connection limits.
 */
export class WebSockets {
  private readonly server: WebSocketServer;
  private readonly disposable: Disposable;

  constructor(options: WebSocketsOptions) {
    const { operations, limits, connections, logger } = options;
    this.server = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
    this.disposable = useServer<Record<string, unknown> | undefined, ConnectionState>(
      {
        isProd: true,
        connectionInitWaitTimeout: limits.initTimeoutMs,
        onConnect: async (ctx) => {
          const { socket, request } = ctx.extra;
          try {
            const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
            if (authorization !== undefined && typeof authorization !== "string") {
              throw Object.assign(new Error("`authorization` must be a string: `Bearer <key>`."), {
                extensions: { code: ErrorCode.BAD_REQUEST },
              });
            }
            const viewer = await options.authenticate(authorization);
            ctx.extra.release = connections.acquire(viewer, request.socket.remoteAddress);
            ctx.extra.viewer = viewer;
            return true;
          } catch (error) {
            const code = errorCodeOf(error);
            const rule = ERROR_CODES[code];
            const message = rule.fault === "server" ? rule.message : (error as Error).message;
            if (rule.fault === "server") logger.warn({ err: error, code }, "subscription: connection refused");
            socket.close(CLOSE_CODES[code] ?? 1011, reasonOf(`${code}: ${message}`));
            return false;
          }
        },
        onSubscribe: (ctx, _id, payload) => {
          if (Object.keys(ctx.subscriptions).length > limits.perConnection) {
            return [tooManySubscriptions(limits.perConnection)];
          }
          return operations.prepare(payload, ctx.extra.viewer!);
        },
        onNext: (_ctx, _id, _payload, args, result) => operations.format(result, args.contextValue),
        onError: (_ctx, _id, _payload, errors) => operations.formatErrors(errors),
        onClose: (ctx) => ctx.extra.release?.(),
      },
      this.server,
      limits.pingIntervalMs,
    );
  }

  /** Takes over an HTTP upgrade request for /graphql. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => this.server.emit("connection", ws, req));
  }

  /** Sockets open now. */
  get size(): number {
    return this.server.clients.size;
  }

  /** Closes every socket with 1001 (going away); drops those that do not answer within CLOSE_WAIT_MS. */
  async close(): Promise<void> {
    const clients = [...this.server.clients];
    const dropping = setTimeout(() => clients.forEach((client) => client.terminate()), CLOSE_WAIT_MS);
    try {
      await this.disposable.dispose();
    } finally {
      clearTimeout(dropping);
    }
  }
}

function reasonOf(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > MAX_REASON_BYTES) reason = reason.slice(0, -2) + "…";
  return reason;
}
