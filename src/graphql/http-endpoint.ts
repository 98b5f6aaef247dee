import type { IncomingMessage, ServerResponse } from "node:http";

import { type ApolloServer, HeaderMap, type HTTPGraphQLRequest } from "@apollo/server";

import { ERROR_CODES, ErrorCode, type ErrorCodeRule } from "../common/errors";
import { withStatementTally } from "../database/statement-counter";
import { NO_STORE } from "../delivery/cache-policy";
import type { Delivery } from "../delivery/delivery";
import { Dependencies } from "../delivery/dependencies";
import type { CachedAnswer, ResponseCache } from "../delivery/response-cache";
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
  context(viewer: Viewer, request: RequestRecord, dependencies: Dependencies | null): Context;
  /** The response cache for anonymous reads, or null when it is off. */
  responseCache: ResponseCache | null;
  /** Cache-Control, ETag and 304, compression of the answer. */
  delivery: Delivery;
  logger: Logger;
}

/** A failure of the HTTP request itself, answered before GraphQL runs. */
export class HttpError extends Error {
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
 * GraphQL over HTTP on node:http, in stages: the body (bounded, JSON), for an anonymous read the response cache (a hit
 * answers here), the viewer (401 for a key that is not valid), then Apollo (parsing, validation, limits, execution),
 * then the answer as Delivery has it (caching, compression). The request's id and log line are the caller's
 * (RequestLog). Express stays in front of everything else; here it would only cost time per request.
 */
export function graphqlEndpoint(options: GraphQLEndpointOptions): GraphQLEndpoint {
  const { apollo, bodyLimitBytes, countsStatements, delivery, responseCache, logger } = options;

  async function serve(req: IncomingMessage, res: ServerResponse, record: RequestRecord): Promise<void> {
    const body = req.method === "POST" ? await readJsonBody(req, bodyLimitBytes) : undefined;
    const url = req.url ?? "";
    const query = url.indexOf("?");
    const method = (req.method ?? "GET").toUpperCase();
    const search = query >= 0 ? url.slice(query) : "";
    // The response cache, before Apollo: a hit costs no parse, validation or execution.
    const cacheKey = responseCache ? anonymousCacheKey(responseCache, req, method, search, body) : null;
    let sequence: number | null = null;
    if (cacheKey !== null) {
      const found = await responseCache!.lookup(cacheKey);
      if (found.hit) return answerFromCache(req, res, found.hit);
      sequence = found.sequence;
    }
    const dependencies = sequence !== null ? new Dependencies() : null;
    const viewer = await options.authenticate(req.headers.authorization);
    const context = options.context(viewer, record, dependencies);
    const httpGraphQLRequest: HTTPGraphQLRequest = { method, headers: headerMap(req), search, body };
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });

    await delivery.afterExecution(context);

    res.statusCode = response.status ?? 200;
    for (const [name, value] of response.headers) res.setHeader(name, value);
    const shareable = delivery.setCacheControl(req, res, context);
    if (response.body.kind === "complete") {
      if (dependencies?.cacheable && shareable && !response.body.string.includes('"errors":')) {
        res.setHeader("surrogate-key", dependencies.header());
        await responseCache!.store(cacheKey!, cachedAnswer(res, response.body.string), dependencies.keys, sequence!);
      }
      delivery.send(req, res, response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /** A cache hit, as its first answer was sent but for Cache-Control and ETag, made anew by the delivery. */
  function answerFromCache(req: IncomingMessage, res: ServerResponse, hit: CachedAnswer): void {
    res.statusCode = 200;
    for (const [name, value] of hit.headers) res.setHeader(name, value);
    res.setHeader("cache-control", delivery.cacheControl(true));
    delivery.send(req, res, hit.body);
  }

  /**
   * Answers one GraphQL request; never rejects: every failure becomes a coded JSON answer with its code's status (an
   * HTTP failure's own, e.g. 413), and a server fault is masked and logged.
   */
  return function handle(req: IncomingMessage, res: ServerResponse, record: RequestRecord): void {
    const run = () => serve(req, res, record);
    // Everything below, the key lookup and DataLoader batches included, counts into this request's tally.
    (countsStatements ? withStatementTally(record.statements, run) : run()).catch((error: unknown) => {
      const code = answerError(res, error, logger, record.id);
      record.errorCodes.push(code);
    });
  };
}

/**
 * Answers a request that failed before or outside GraphQL's execution with a coded JSON error and its code's status
 * (an HTTP failure's own, e.g. 413); a server fault is masked and logged. Returns the code.
 */
export function answerError(res: ServerResponse, error: unknown, logger: Logger, reqId?: string): ErrorCode {
  const code = error instanceof HttpError ? error.code : errorCodeOf(error);
  const rule: ErrorCodeRule = ERROR_CODES[code];
  const status = error instanceof HttpError ? error.status : rule.status;
  const message = rule.fault === "server" ? rule.message : (error as Error).message;
  logServerFault(logger, code, { reqId, err: error }, "unexpected HTTP error");
  if (res.headersSent) {
    res.destroy();
    return code;
  }
  const text = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, {
    "cache-control": NO_STORE,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
  return code;
}

/** Headers an entry answers with again (Cache-Control and ETag are the delivery's, made anew for each answer). */
const CACHED_HEADERS = ["content-type", "surrogate-key"];

function cachedAnswer(res: ServerResponse, body: string): CachedAnswer {
  const headers: Array<[string, string]> = [];
  for (const name of CACHED_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) headers.push([name, String(value)]);
  }
  return { body, headers };
}

/**
 * The cache key of an anonymous read, or null: a request with a key, or a GET that CSRF prevention would refuse (a
 * hit must not answer what Apollo would not), is not looked up.
 */
function anonymousCacheKey(
  cache: ResponseCache,
  req: IncomingMessage,
  method: string,
  search: string,
  body: unknown,
): string | null {
  if (req.headers.authorization !== undefined) return null;
  if (method === "GET" && !passesCsrfPrevention(req)) return null;
  return cache.keyOf(method, search, body);
}

const SIMPLE_CONTENT_TYPES = new Set(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]);

/** Apollo's CSRF prevention for a GET: a preflight-forcing header, or a content type a form cannot send. */
function passesCsrfPrevention(req: IncomingMessage): boolean {
  if (req.headers["apollo-require-preflight"] || req.headers["x-apollo-operation-name"]) return true;
  const type = req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  return type !== undefined && type !== "" && !SIMPLE_CONTENT_TYPES.has(type);
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
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
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
