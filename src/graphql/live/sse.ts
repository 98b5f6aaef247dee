import type { IncomingMessage, ServerResponse } from "node:http";

import type { ExecutionResult, GraphQLError } from "graphql";
import { createHandler, type Handler, type OperationArgs } from "graphql-sse";

import { ERROR_CODES, ErrorCode, isErrorCode } from "../../common/errors";
import { NO_STORE } from "../../delivery/cache-policy";
import type { Viewer } from "../../modules/auth/viewer";
import type { Logger } from "../../observability/logger";
import { answerError, HttpError, readJsonBody } from "../http-endpoint";
import type { ConnectionLimits } from "./connection-limits";
import type { LiveOperations } from "./live-operations";

type StreamContext = Record<PropertyKey, unknown>;

export interface EventStreamsOptions {
  operations: LiveOperations;
  connections: ConnectionLimits;
  bodyLimitBytes: number;
  /** The viewer of the Authorization header (throws UnauthenticatedError for a key that is not valid). */
  authenticate(authorization: string | undefined): Promise<Viewer>;
  logger: Logger;
}

/**
 * GraphQL subscriptions over Server-Sent Events (graphql-sse's "distinct connections" mode: one event stream per
 * subscription, GET or POST with `Accept: text/event-stream`) at /graphql/stream, for clients that cannot hold a
 * WebSocket. The API key is the Authorization header, as over HTTP. Refusals are answered before the stream opens, as
 * coded JSON with their code's status (401, 400, 429).
 */
export class EventStreams {
  private readonly handler: Handler<IncomingMessage, { viewer: Viewer }>;
  /** The open streams, to end on shutdown. */
  private readonly open = new Set<AsyncGenerator<string, void, undefined>>();

  constructor(private readonly options: EventStreamsOptions) {
    const { operations } = options;
    this.handler = createHandler<IncomingMessage, { viewer: Viewer }, StreamContext>({
      // One stream per subscription: no reservations ("single connection mode"), so no tokens to guess.
      authenticate: () => null,
      onSubscribe: (req, params) => {
        const prepared = operations.prepare(params, req.context.viewer);
        if (Array.isArray(prepared)) return refusal(operations.formatErrors(prepared as GraphQLError[]));
        return prepared as OperationArgs<StreamContext>;
      },
      onNext: (context, _req, result) => operations.format(result as ExecutionResult, context) as typeof result,
    });
  }

  /** Serves one request for /graphql/stream; never rejects. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    this.serve(req, res).catch((error: unknown) => answerError(res, error, this.options.logger));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "GET" && req.method !== "POST") {
      req.resume();
      throw new HttpError(405, "Event streams are opened with GET or POST.");
    }
    if (!(req.headers.accept ?? "").split(",").some((type) => type.trim().startsWith("text/event-stream"))) {
      req.resume();
      throw new HttpError(406, "Event streams need `Accept: text/event-stream`.");
    }
    const body = req.method === "POST" ? await readJsonBody(req, this.options.bodyLimitBytes) : undefined;
    if (req.method === "POST" && (body === undefined || Array.isArray(body))) {
      throw new HttpError(415, "POST a JSON object: `{ query, variables, operationName }`.");
    }
    const viewer = await this.options.authenticate(req.headers.authorization);
    const release = this.options.connections.acquire(viewer, req.socket.remoteAddress);
    try {
      const [stream, init] = await this.handler({
        method: req.method,
        url: req.url ?? "",
        headers: { get: (name) => headerOf(req, name) },
        body: (body as Record<PropertyKey, unknown> | undefined) ?? null,
        raw: req,
        // graphql-sse matches `accept` exactly: what was checked above is what it gets.
        context: { viewer },
      });
      res.writeHead(init.status, { ...init.headers, "cache-control": NO_STORE });
      if (stream === null || typeof stream === "string") {
        res.end(stream ?? undefined);
        return;
      }
      await this.pipe(stream, res);
    } finally {
      release();
    }
  }

  private async pipe(stream: AsyncGenerator<string, void, undefined>, res: ServerResponse): Promise<void> {
    this.open.add(stream);
    const stop = () => void stream.return(undefined);
    res.once("close", stop);
    try {
      for await (const chunk of stream) {
        if (!res.writable) break;
        if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
      }
    } finally {
      res.off("close", stop);
      this.open.delete(stream);
      res.end();
    }
  }

  /** Streams open now. */
  get size(): number {
    return this.open.size;
  }

  /** Ends every open stream (its subscriptions completed); the clients reconnect, to another instance. */
  async close(): Promise<void> {
    await Promise.all([...this.open].map((stream) => stream.return(undefined)));
  }
}

/** graphql-sse compares the Accept header to `text/event-stream` exactly. */
function headerOf(req: IncomingMessage, name: string): string | undefined {
  if (name === "accept") return "text/event-stream";
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** A refused subscription as JSON, with the status of its first error's code. */
function refusal(errors: ReturnType<LiveOperations["formatErrors"]>) {
  const code = errors[0]?.extensions?.code;
  const status = isErrorCode(code) ? ERROR_CODES[code].status : ERROR_CODES[ErrorCode.BAD_REQUEST].status;
  return [
    JSON.stringify({ errors }),
    { status, statusText: "Refused", headers: { "content-type": "application/json; charset=utf-8" } },
  ] as const;
}
