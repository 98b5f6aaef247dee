import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";

import { buildNewsPage, type PageFile } from "./build";

export interface NewsPageServerOptions {
  /** Byline's base URL, e.g. http://127.0.0.1:4000; /graphql is forwarded to `${bylineUrl}/graphql`. */
  bylineUrl: string;
  port: number;
  host?: string;
}

export interface NewsPageServer {
  /** Where the page is, e.g. http://127.0.0.1:4001/ */
  url: string;
  close(): Promise<void>;
}

/** How long a forwarded request may wait for Byline's answer to begin. */
const UPSTREAM_TIMEOUT_MS = 10_000;
/** Headers that describe one connection, not the message: not forwarded. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "upgrade", "te", "trailer"]);

/**
 * Serves the built page and forwards /graphql to Byline unchanged (headers, status and body as they are, so ETags,
 * 304s and cache headers reach the browser). Byline sends no CORS headers, so the page talks to it same-origin.
 */
export async function startNewsPageServer(options: NewsPageServerOptions): Promise<NewsPageServer> {
  const files = await buildNewsPage();
  const upstream = new URL("/graphql", options.bylineUrl);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/graphql") return forward(req, res, upstream);
    serveFile(req, res, files.get(path));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()),
  };
}

function serveFile(req: http.IncomingMessage, res: http.ServerResponse, file: PageFile | undefined): void {
  if (req.method !== "GET" && req.method !== "HEAD") return answerText(res, 405, "Method not allowed.");
  if (!file) return answerText(res, 404, "Not found.");
  res.writeHead(200, {
    "content-type": file.contentType,
    "content-length": file.body.length,
    "cache-control": "no-cache",
  });
  res.end(req.method === "HEAD" ? undefined : file.body);
}

/** Passes one request to Byline and its answer back; 502 when Byline cannot be reached, 504 when it does not answer. */
function forward(req: http.IncomingMessage, res: http.ServerResponse, upstream: URL): void {
  const target = new URL(upstream);
  target.search = new URL(req.url ?? "/", "http://page").search;
  const proxied = http.request(
    target,
    { method: req.method, headers: withoutHopByHop({ ...req.headers, host: upstream.host }) },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
      answer.pipe(res);
    },
  );
  proxied.setTimeout(UPSTREAM_TIMEOUT_MS, () => proxied.destroy(new Error("timeout")));
  proxied.on("error", (error) => {
    if (res.headersSent) return void res.destroy();
    const timedOut = error.message === "timeout";
    answerText(res, timedOut ? 504 : 502, `Byline ${timedOut ? "did not answer" : "is not reachable"} at ${upstream}.`);
  });
  req.pipe(proxied);
}

function withoutHopByHop<T extends http.IncomingHttpHeaders>(headers: T): T {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name))) as T;
}

function answerText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** `npm run example:news-page -- [--byline URL] [--port N]` (or BYLINE_URL, NEWS_PAGE_PORT). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      byline: { type: "string", default: process.env.BYLINE_URL ?? "http://127.0.0.1:4000" },
      port: { type: "string", default: process.env.NEWS_PAGE_PORT ?? "4001" },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${values.port}`);
  if (!URL.canParse(values.byline) || !/^https?:$/.test(new URL(values.byline).protocol)) {
    throw new Error(`--byline: not an http(s) URL: ${values.byline}`);
  }
  const { url } = await startNewsPageServer({ bylineUrl: values.byline, port });
  console.log(`News page at ${url} (Byline at ${values.byline}); ?slug=<article slug> for another article.`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
