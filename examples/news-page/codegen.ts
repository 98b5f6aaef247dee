import type { CodegenConfig } from "@graphql-codegen/cli";

/** Where the generated operation types live (committed; `npm run check:codegen` keeps them in step). */
export const GENERATED_TYPES = "examples/news-page/src/generated/graphql.ts";

/**
 * GraphQL Code Generator's configuration for the reference client, paths relative to the repository root: the
 * operations in src/news-page.graphql.ts, typed against schema.graphql. typescript-operations alone writes only the
 * operations' own types, so a schema change the page does not select leaves the file as it is.
 */
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["examples/news-page/src/news-page.graphql.ts"],
  generates: {
    [GENERATED_TYPES]: {
      plugins: ["typescript-operations"],
      config: { avoidOptionals: true, scalars: { DateTimeISO: "string" } },
    },
  },
};

export default config;
