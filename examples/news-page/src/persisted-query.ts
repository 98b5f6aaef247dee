import type { ErrorCode } from "../../../src/common/errors";

/** A GraphQL answer as Byline sends it. */
export interface GraphQLResult<TData> {
  data?: TData | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** An operation to send: its document, its name and its variables (typed by the generated operation types). */
export interface Operation<TVariables> {
  query: string;
  operationName: string;
  variables: TVariables;
}

/** Byline's answer for a hash it does not know yet: send the query with it once. */
const NOT_REGISTERED: ErrorCode = "PERSISTED_QUERY_NOT_FOUND";

/**
 * Apollo's CSRF prevention refuses a GET with only "simple" headers (a browser sends those cross-site without asking);
 * this header is not simple, so a browser would preflight it cross-origin.
 */
const CSRF_SAFE_HEADERS = { "apollo-require-preflight": "true" };

/**
 * Sends an operation as an automatic persisted query over GET: the SHA-256 hash of its text, no text. GET answers are
 * what HTTP caches keep; `no-cache` makes the browser revalidate its copy each time (If-None-Match), so a page shows
 * what Byline serves now while an unchanged answer costs a 304. The first time Byline does not know the hash, the
 * query is registered with a POST carrying its text, then the GET is sent again.
 */
export async function sendPersistedQuery<TData, TVariables>(
  endpoint: string,
  operation: Operation<TVariables>,
): Promise<GraphQLResult<TData>> {
  const hash = await sha256Hex(operation.query);
  const first = await getPersisted<TData, TVariables>(endpoint, operation, hash);
  if (!first.errors?.some((error) => error.extensions?.code === NOT_REGISTERED)) return first;
  await register(endpoint, operation, hash);
  return getPersisted<TData, TVariables>(endpoint, operation, hash);
}

async function getPersisted<TData, TVariables>(
  endpoint: string,
  operation: Operation<TVariables>,
  hash: string,
): Promise<GraphQLResult<TData>> {
  const params = new URLSearchParams({
    operationName: operation.operationName,
    variables: JSON.stringify(operation.variables),
    extensions: JSON.stringify(persistedQueryExtension(hash)),
  });
  const response = await fetch(`${endpoint}?${params}`, {
    headers: { accept: "application/json", ...CSRF_SAFE_HEADERS },
    cache: "no-cache",
  });
  return readResult<TData>(response);
}

/** Registers the query under its hash (Byline also answers it; the GET that follows is the cacheable answer). */
async function register<TVariables>(endpoint: string, operation: Operation<TVariables>, hash: string): Promise<void> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({ ...operation, extensions: persistedQueryExtension(hash) }),
  });
  const result = await readResult<unknown>(response);
  if (!result.data && result.errors?.length) throw new Error(describeErrors(result));
}

const persistedQueryExtension = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

/** The JSON answer of a response; a response that is not GraphQL JSON (a proxy's error page) becomes an Error. */
async function readResult<TData>(response: Response): Promise<GraphQLResult<TData>> {
  if (!(response.headers.get("content-type") ?? "").includes("json")) {
    throw new Error(`Byline answered HTTP ${response.status} without a GraphQL answer.`);
  }
  return (await response.json()) as GraphQLResult<TData>;
}

/** The errors of an answer, one line each with its code. */
export function describeErrors(result: GraphQLResult<unknown>): string {
  return (result.errors ?? []).map((error) => `${error.extensions?.code ?? "ERROR"}: ${error.message}`).join("\n");
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
