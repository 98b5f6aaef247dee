import path from "node:path";

import { build } from "esbuild";

/** A file of the built page: what to send and as what. */
export interface PageFile {
  contentType: string;
  body: Buffer;
}

const HERE = __dirname;
/** The page's script, as index.html names it. */
const SCRIPT = "/news-page.js";

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Byline</title>
    <style>
      body { font: 17px/1.55 Georgia, serif; margin: 0; color: #1a1a1a; background: #fafaf7; }
      .masthead { font: 700 22px system-ui, sans-serif; padding: 14px 24px; border-bottom: 3px solid #1a1a1a; }
      .page { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 1fr); gap: 40px; max-width: 1100px; margin: 24px auto; padding: 0 24px; }
      h1 { font-size: 34px; line-height: 1.2; margin: 0 0 8px; }
      h2 { font: 700 15px system-ui, sans-serif; text-transform: uppercase; letter-spacing: .05em; }
      .meta { font: 14px system-ui, sans-serif; color: #666; margin: 4px 0; }
      .thumbnail { width: 100%; height: auto; background: #ddd; }
      .author { font-family: system-ui, sans-serif; border-left: 3px solid #c00; padding-left: 12px; margin: 16px 0; }
      .author-bio { font-size: 14px; color: #444; margin: 4px 0 0; }
      .latest ul, .related ul { list-style: none; padding: 0; }
      .latest li { border-top: 1px solid #ddd; padding: 10px 0; }
      .latest a { font-weight: 700; color: inherit; }
      .excerpt { font-size: 14px; margin: 4px 0; }
      .message { max-width: 1100px; margin: 24px auto; padding: 0 24px; }
      @media (max-width: 800px) { .page { grid-template-columns: 1fr; } }
    </style>
  </head>
  <body>
    <header class="masthead">Byline</header>
    <main id="app"><p class="message">Loading…</p></main>
    <script type="module" src="${SCRIPT}"></script>
  </body>
</html>
`;

/** Bundles the page (plain TypeScript and DOM, minified) with esbuild; returns its files by URL path. */
export async function buildNewsPage(): Promise<Map<string, PageFile>> {
  const result = await build({
    entryPoints: [path.join(HERE, "src/main.ts")],
    tsconfig: path.join(HERE, "src/tsconfig.json"),
    bundle: true,
    minify: true,
    format: "esm",
    target: ["es2022"],
    write: false,
    logLevel: "warning",
  });
  const [script] = result.outputFiles;
  return new Map<string, PageFile>([
    ["/", { contentType: "text/html; charset=utf-8", body: Buffer.from(INDEX_HTML) }],
    [SCRIPT, { contentType: "text/javascript; charset=utf-8", body: Buffer.from(script.contents) }],
  ]);
}
