import type { IncomingMessage, ServerResponse } from "node:http";

import { type ApolloServer, HeaderMap, type HTTPGraphQLRequest } from "@apollo/server";

import { ERROR_CODES, ErrorCode, type ErrorCodeRule } from "../common/errors";
import { withStatementTally } from "../database/statement-counter";
import type { Viewer } from "../modules/auth/viewer";
import type { Logger } from "../observability/logger";
import type { RequestRecord } from "../observability/request-log";
import type { Context } from "./context";
import { errorCodeOf, logServerFault } from "./format-error";

export interface GraphQLEndpointOptions {
  apollo: ApolloServer<Context>;
  bodyLimitBytes: number;
  /** Count TypeORM's statements too (through async context, which costs every request a little). */
  countsStatements: boolean;
  /** The viewer from the Authorization header; throws UnauthenticatedError for a key that is not valid. */
  authenticate(authorization: string | undefined): Promise<Viewer>;
  context(viewer: Viewer, request: RequestRecord): Context;
  logger: Logger;
}

/** A failure of the HTTP request itself, answered before GraphQL runs. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: ErrorCode = ErrorCode.BAD_REQUEST,
  ) {
    super(message);
  }
}

/** Serves one GraphQL request, for the request's record (its id and log line). */
export type GraphQLEndpoint = (req: IncomingMessage, res: ServerResponse, record: RequestRecord) => void;

/**
 * GraphQL over HTTP on node:http, in stages: the body (bounded, JSON), the viewer (401 for a key that is not valid),
 * then Apollo (parsing, validation, limits, execution), then the answer. The request's id and log line are the
 * caller's (RequestLog). Express stays in front of everything else; here it would only cost time per request.
 */
export function graphqlEndpoint(options: GraphQLEndpointOptions): GraphQLEndpoint {
  const { apollo, bodyLimitBytes, countsStatements, logger } = options;

  async function serve(req: IncomingMessage, res: ServerResponse, record: RequestRecord): Promise<void> {
    const body = req.method === "POST" ? await readJsonBody(req, bodyLimitBytes) : undefined;
    const viewer = await options.authenticate(req.headers.authorization);
    const context = options.context(viewer, record);
    const url = req.url ?? "";
    const query = url.indexOf("?");
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (req.method ?? "GET").toUpperCase(),
      headers: headerMap(req),
      search: query >= 0 ? url.slice(query) : "",
      body,
    };
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });

    res.statusCode = response.status ?? 200;
    for (const [name, value] of response.headers) res.setHeader(name, value);
    // No response is cacheable yet: say so, or a shared cache may keep a GET's answer by heuristics.
    if (!response.headers.has("cache-control")) res.setHeader("cache-control", "no-store");
    if (response.body.kind === "complete") {
      res.setHeader("content-length", Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /**
   * Answers one GraphQL request; never rejects: every failure becomes a coded JSON answer with its code's status (an
   * HTTP failure's own, e.g. 413), and a server fault is masked and logged.
   */
  return function handle(req: IncomingMessage, res: ServerResponse, record: RequestRecord): void {
    const run = () => serve(req, res, record);
    // Everything below, the key lookup and DataLoader batches included, counts into this request's tally.
    (countsStatements ? withStatementTally(record.statements, run) : run()).catch((error: unknown) => {
      const code = error instanceof HttpError ? error.code : errorCodeOf(error);
      const rule: ErrorCodeRule = ERROR_CODES[code];
      const status = error instanceof HttpError ? error.status : rule.status;
      const message = rule.fault === "server" ? rule.message : (error as Error).message;
      logServerFault(logger, code, { reqId: record.id, err: error }, "unexpected HTTP error");
      record.errorCodes.push(code);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const text = JSON.stringify({ errors: [{ message, extensions: { code } }] });
      res.writeHead(status, {
        "content-type": "application/json; charset=utf-8",
        "content-length": Buffer.byteLength(text),
      });
      res.end(text);
    });
  };
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * The request body as JSON (an object or array), like Express's `json()`: undefined for another content type (Apollo
 * then explains what it wants), 413 past the limit, 400 for text that is not a JSON object or array.
 */
async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  if (!JSON_TYPE.test(req.headers["content-type"] ?? "")) {
    req.resume();
    return undefined;
  }
  const tooLarge = () => new HttpError(413, "Request body too large.");
  if (Number(req.headers["content-length"]) > limit) {
    req.resume();
    throw tooLarge();
  }
  // Events rather than `for await`: leaving that loop early would destroy the socket before the 413 is written.
  const { chunks, size } = await new Promise<{ chunks: Buffer[]; size: number }>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData);
      req.resume(); // read and drop the rest, so the answer can be written
      reject(tooLarge());
    };
    req.on("data", onData);
    req.once("end", () => resolve({ chunks, size }));
    req.once("error", reject);
  });
  const text = Buffer.concat(chunks, size).toString("utf8").trim();
  if (text === "") return {};
  if (text[0] !== "{" && text[0] !== "[") throw new HttpError(400, "Malformed request body.");
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "Malformed request body.");
  }
}
