import type http from "node:http";

/** The path of a request URL, without its query string. */
export function pathOf(url: string | undefined): string {
  const path = url ?? "/";
  const query = path.indexOf("?");
  return query >= 0 ? path.slice(0, query) : path;
}

/** Where GraphQL is served. */
export const isGraphQLPath = (path: string): boolean => path === "/graphql" || path === "/graphql/";

/** Where GraphQL subscriptions are served as Server-Sent Events (WebSockets upgrade on the GraphQL path itself). */
export const isEventStreamPath = (path: string): boolean => path === "/graphql/stream";

/** A GET that a browser may be making for the sandbox page (the sandbox middleware decides exactly). */
export const mayWantSandboxPage = (req: http.IncomingMessage): boolean =>
  req.method === "GET" && (req.headers.accept ?? "").includes("text/html");
