import { readFile, stat } from "node:fs/promises";
import path from "node:path";

import express, { type RequestHandler } from "express";

import { type Encoding, negotiateEncoding } from "../delivery/compression";

/** The URL path, under the GraphQL endpoint, of the IDE's static files. */
export const SANDBOX_ASSETS_PATH = "/sandbox";

export interface SandboxOptions {
  /** Serve the IDE. When false nothing is served: the page request falls through to Apollo, assets answer 404. */
  enabled: boolean;
  /** The build's output: `manifest.json` and `assets/` (config's `sandboxAssetsDir`). */
  assetsDir: string;
}

/** What scripts/build-sandbox.mjs writes to manifest.json: the page's entry files, relative to assets/. */
interface SandboxManifest {
  js: string;
  css: string;
}

/**
 * Same-origin only. Monaco and GraphiQL inject `<style>` elements and style attributes, hence 'unsafe-inline' for
 * styles (never for scripts); graphiql/style.css embeds its fonts as data: URLs. Sent with the page and with the
 * assets, because a worker takes its policy from its own script's response.
 */
export const SANDBOX_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The offline GraphQL IDE (GraphiQL 5): the page at GET /graphql for a browser, its files under /graphql/sandbox/.
 * Mount it at the GraphQL path, before Apollo's middleware: `app.use("/graphql", sandboxMiddleware(...))`.
 * GraphQL requests (POST, or GET with a `query` parameter, or asking for JSON) pass through untouched.
 */
export function sandboxMiddleware({ enabled, assetsDir }: SandboxOptions): RequestHandler {
  const router = express.Router();
  const notFound: RequestHandler = (_req, res) => {
    res.status(404).type("text/plain").send("Not found");
  };
  if (!enabled) {
    router.use(SANDBOX_ASSETS_PATH, notFound);
    return router;
  }

  router.use(
    SANDBOX_ASSETS_PATH,
    (_req, res, next) => {
      setSecurityHeaders(res);
      next();
    },
    precompressed(path.join(assetsDir, "assets")),
    // Every file name carries a content hash.
    express.static(path.join(assetsDir, "assets"), ASSET_OPTIONS),
    notFound,
  );

  router.get("/", async (req, res, next) => {
    if (!wantsPage(req)) return next();
    setSecurityHeaders(res);
    // The page names the current build's hashed files, so browsers must revalidate it.
    res.set("Cache-Control", "no-cache");
    const manifest = await readManifest(assetsDir);
    if (!manifest) {
      res.status(503).type("html").send(notBuiltPage);
      return;
    }
    res.type("html").send(page(req.baseUrl, manifest));
  });

  return router;
}

/** Every asset's file name carries a content hash: cached for a year, never revalidated. */
const ASSET_OPTIONS = { index: false, immutable: true, maxAge: "1y", redirect: false } as const;

/** The file suffix scripts/build-sandbox.mjs writes for each coding beside every asset. */
const PRECOMPRESSED_SUFFIXES: Record<Exclude<Encoding, "identity">, string> = { br: ".br", gzip: ".gz" };

/**
 * Answers an asset request with the file the build precompressed for a coding the browser accepts (`x.js.br` for
 * `x.js`), with the original's type and `Content-Encoding`; otherwise (no such file, nothing accepted) the plain file
 * follows. Either way the answer varies by Accept-Encoding.
 */
function precompressed(dir: string): RequestHandler {
  return async (req, res, next) => {
    res.vary("Accept-Encoding");
    const encoding = negotiateEncoding(req.headers["accept-encoding"]);
    const file = assetFile(dir, req.path);
    if (encoding === "identity" || file === null || (req.method !== "GET" && req.method !== "HEAD")) return next();
    const compressed = `${file}${PRECOMPRESSED_SUFFIXES[encoding]}`;
    const found = await stat(compressed).then(
      (stats) => stats.isFile(),
      () => false,
    );
    if (!found) return next();
    // send() keeps a Content-Type already set, so the answer is typed as the original file, not as .br or .gz.
    res.type(path.extname(file));
    res.set("Content-Encoding", encoding);
    res.sendFile(compressed, { ...ASSET_OPTIONS, dotfiles: "deny" }, (error) => {
      if (error && !res.headersSent) next();
    });
  };
}

/** The asset's path on disk, or null for a path that is not a plain file name under `dir` (no traversal). */
function assetFile(dir: string, urlPath: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(urlPath.replace(/^\//, ""));
  } catch {
    return null;
  }
  if (name === "" || name.includes("/") || name.includes("\\") || name.startsWith(".")) return null;
  return path.join(dir, name);
}

/** A browser navigating to the endpoint, as opposed to a GraphQL client (same test as Apollo's landing page). */
function wantsPage(req: express.Request): boolean {
  if (req.query.query !== undefined) return false;
  return req.accepts(["application/json", "application/graphql-response+json", "text/html"]) === "text/html";
}

function setSecurityHeaders(res: express.Response): void {
  res.set({
    "Content-Security-Policy": SANDBOX_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  });
}

/** Read per page request (a small file): a rebuild while the server runs is picked up. */
async function readManifest(assetsDir: string): Promise<SandboxManifest | null> {
  try {
    const manifest = JSON.parse(await readFile(path.join(assetsDir, "manifest.json"), "utf8")) as SandboxManifest;
    return typeof manifest.js === "string" && typeof manifest.css === "string" ? manifest : null;
  } catch {
    return null;
  }
}

function page(endpoint: string, manifest: SandboxManifest): string {
  const asset = (file: string) => escapeHtml(`${endpoint}${SANDBOX_ASSETS_PATH}/${file}`);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Byline GraphQL Sandbox</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${asset(manifest.css)}" />
    <script type="module" src="${asset(manifest.js)}"></script>
  </head>
  <body>
    <div id="sandbox" data-endpoint="${escapeHtml(endpoint)}">
      <noscript>The GraphQL sandbox needs JavaScript.</noscript>
    </div>
  </body>
</html>
`;
}

const notBuiltPage = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Byline GraphQL Sandbox</title></head>
  <body>
    <p>The GraphQL sandbox is enabled but not built. Run <code>npm run build:sandbox</code> and reload.</p>
  </body>
</html>
`;

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] as string,
  );
}
