import { readFileSync } from "node:fs";
import path from "node:path";

import { generate } from "@graphql-codegen/cli";

import config, { GENERATED_TYPES } from "./codegen";

/**
 * Fails when the committed operation types differ from what GraphQL Code Generator writes from schema.graphql and the
 * page's operations now (`npm run check:codegen`; `npm run codegen` rewrites them).
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..", "..");
  // Generated in memory (saveToFile: false), never over the committed file.
  // generate() is typed `any` for the sake of watch mode; without it, it resolves to the files it made.
  const outputs: Array<{ filename: string; content: string }> = await generate(
    { ...config, cwd: root, silent: true },
    false,
  );
  const generated = outputs.find(
    (output) => path.resolve(root, output.filename) === path.resolve(root, GENERATED_TYPES),
  );
  if (!generated) throw new Error(`codegen wrote no ${GENERATED_TYPES}`);
  let committed = "";
  try {
    committed = readFileSync(path.resolve(root, GENERATED_TYPES), "utf8");
  } catch {
    // missing file: reported below
  }
  if (committed !== generated.content) {
    console.error(`${GENERATED_TYPES} is out of date with schema.graphql: run \`npm run codegen\` and commit it.`);
    process.exit(1);
  }
  console.log(`${GENERATED_TYPES} is up to date.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
