// Builds the sandbox (GraphiQL 5, served at GET /graphql) into static files that work offline:
//   <outdir>/assets/   hashed, minified JS and CSS: the page bundle, its lazy chunks and Monaco's three workers,
//                      each with its precompressed .br and .gz beside it (served by src/sandbox/sandbox.ts)
//   <outdir>/manifest.json   which files the HTML page loads (read by src/sandbox/sandbox.ts)
// Usage: node scripts/build-sandbox.mjs [--outdir dist/sandbox]
import { readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip, gzipSync } from "node:zlib";

import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({ options: { outdir: { type: "string", default: "dist/sandbox" } } });
const outdir = path.resolve(root, args.outdir);
const assetsDir = path.join(outdir, "assets");

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  target: ["es2022"],
  outdir: assetsDir,
  entryNames: "[name]-[hash]",
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
  define: { "process.env.NODE_ENV": '"production"' },
};

await rm(outdir, { recursive: true, force: true });
await mkdir(assetsDir, { recursive: true });

// Monaco creates its workers from these files; classic (IIFE) workers, one entry point each.
/** Monaco's modules import their own CSS; graphiql/style.css already carries all of it, fonts included. */
const skipMonacoCss = {
  name: "skip-monaco-css",
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]monaco-editor[\\/]esm[\\/].*\.css$/ }, () => ({ contents: "", loader: "css" }));
  },
};

const workers = await build({
  ...common,
  format: "iife",
  entryPoints: {
    "editor.worker": "monaco-editor/esm/vs/editor/editor.worker.js",
    "json.worker": "monaco-editor/esm/vs/language/json/json.worker.js",
    "graphql.worker": "monaco-graphql/esm/graphql.worker.js",
  },
});
const workerFile = (name) => outputOf(workers.metafile, `${name}.worker`, ".js");

const page = await build({
  ...common,
  format: "esm",
  splitting: true, // Monaco and Prettier are imported lazily by GraphiQL: they become chunks loaded on demand
  chunkNames: "chunk-[hash]",
  entryPoints: { main: "src/sandbox/client/main.tsx" },
  tsconfig: "src/sandbox/client/tsconfig.json",
  jsx: "automatic",
  define: {
    ...common.define,
    SANDBOX_WORKERS: JSON.stringify({
      editor: workerFile("editor"),
      json: workerFile("json"),
      graphql: workerFile("graphql"),
    }),
  },
  plugins: [skipMonacoCss],
  // Only reached with a `subscriptionUrl`, which the sandbox never passes; not installed.
  external: ["graphql-ws"],
});

const manifest = {
  js: outputOf(page.metafile, "main", ".js"),
  css: outputOf(page.metafile, "main", ".css"),
};
await writeFile(path.join(outdir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);

await precompress(assetsDir);
report([workers.metafile, page.metafile]);

/**
 * Writes `<file>.br` and `<file>.gz` beside every asset, at the best (slowest) settings: this runs once per build,
 * and the server only picks the file a browser accepts.
 */
async function precompress(dir) {
  const brotli = promisify(brotliCompress);
  const gzipAsync = promisify(gzip);
  const files = (await readdir(dir)).filter((file) => !file.endsWith(".br") && !file.endsWith(".gz"));
  await Promise.all(
    files.map(async (file) => {
      const source = await readFile(path.join(dir, file));
      const params = {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      };
      await writeFile(path.join(dir, `${file}.br`), await brotli(source, { params }));
      await writeFile(path.join(dir, `${file}.gz`), await gzipAsync(source, { level: constants.Z_BEST_COMPRESSION }));
    }),
  );
}

/** The output file (name relative to assets/) that esbuild wrote for an entry point. */
function outputOf(metafile, entryName, extension) {
  const file = Object.keys(metafile.outputs).find(
    (output) => path.basename(output).startsWith(`${entryName}-`) && output.endsWith(extension),
  );
  if (!file) throw new Error(`build-sandbox: no ${extension} output for entry "${entryName}"`);
  return path.basename(file);
}

function report(metafiles) {
  const rows = metafiles
    .flatMap((metafile) => Object.entries(metafile.outputs))
    .filter(([file]) => !file.endsWith(".LEGAL.txt"))
    .map(([file, { bytes }]) => {
      return { file: path.basename(file), bytes, gzip: gzipSync(readFileSync(path.resolve(root, file))).length };
    })
    .sort((a, b) => b.bytes - a.bytes);
  const kb = (n) => `${(n / 1024).toFixed(0)} kB`.padStart(9);
  for (const row of rows) console.log(`${kb(row.bytes)} ${kb(row.gzip)} gzip  ${row.file}`);
  const total = rows.reduce((sum, row) => ({ bytes: sum.bytes + row.bytes, gzip: sum.gzip + row.gzip }), {
    bytes: 0,
    gzip: 0,
  });
  console.log(`${kb(total.bytes)} ${kb(total.gzip)} gzip  total in ${path.relative(root, outdir)}/assets`);
}
