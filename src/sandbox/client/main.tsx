// Monaco's workers first: the editors must find globalThis.MonacoEnvironment when they start.
import "./workers";
import "graphiql/style.css";
import "./sandbox.css";

import { createGraphiQLFetcher, type Fetcher, StorageAPI } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { type ExampleSlugs, exampleTabs, NEWEST_SLUGS_QUERY, PLACEHOLDER_SLUGS } from "./operations";

/** Keys of this IDE in localStorage, apart from any other GraphiQL on the same origin. */
const STORAGE_PREFIX = "byline-sandbox:";

const ownKeys = (): string[] =>
  Array.from({ length: localStorage.length }, (_, index) => localStorage.key(index)).filter(
    (key): key is string => key?.startsWith(STORAGE_PREFIX) ?? false,
  );

const storage: Storage = {
  get length() {
    return ownKeys().length;
  },
  clear: () => ownKeys().forEach((key) => localStorage.removeItem(key)),
  key: (index) => ownKeys()[index]?.slice(STORAGE_PREFIX.length) ?? null,
  getItem: (key) => localStorage.getItem(STORAGE_PREFIX + key),
  setItem: (key, value) => localStorage.setItem(STORAGE_PREFIX + key, value),
  removeItem: (key) => localStorage.removeItem(STORAGE_PREFIX + key),
};

/** The examples read better with real slugs: ask for the newest article; fall back to placeholders. */
async function newestSlugs(endpoint: string): Promise<ExampleSlugs> {
  try {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query: NEWEST_SLUGS_QUERY }),
      signal: AbortSignal.timeout(3000),
    });
    const body = (await response.json()) as {
      data?: { latestNews?: { nodes?: Array<{ slug: string; author: { slug: string } }> } };
    };
    const newest = body.data?.latestNews?.nodes?.[0];
    return newest ? { article: newest.slug, author: newest.author.slug } : PLACEHOLDER_SLUGS;
  } catch {
    return PLACEHOLDER_SLUGS;
  }
}

async function main(): Promise<void> {
  const root = document.getElementById("sandbox");
  if (!root) throw new Error("sandbox: the page has no #sandbox element");
  // The server writes the endpoint into the page: the IDE is served at the GraphQL path itself.
  const endpoint = new URL(root.dataset.endpoint ?? "/graphql", location.href).href;
  const fetcher: Fetcher = createGraphiQLFetcher({ url: endpoint });
  const tabs = exampleTabs(await newestSlugs(endpoint));
  // GraphiQL shows the first default tab's query but not its variables or headers (graphql/graphiql#3392): hand
  // them over as the initial editor contents, on a first visit only (later the saved tabs are restored instead).
  const firstVisit = new StorageAPI(storage).get("tabState") === null;

  createRoot(root).render(
    <StrictMode>
      <GraphiQL
        fetcher={fetcher}
        storage={storage}
        defaultTabs={tabs}
        initialVariables={firstVisit ? (tabs[0].variables ?? undefined) : undefined}
        initialHeaders={firstVisit ? (tabs[0].headers ?? undefined) : undefined}
        defaultEditorToolsVisibility
      />
    </StrictMode>,
  );
}

void main();
