import type { AddressInfo } from "node:net";

import type { DataSource } from "typeorm";

import { loadConfig } from "../../src/config";
import { openDatabase } from "../../src/database/database";
import { ApiKeyService } from "../../src/modules/auth/api-key.service";
import type { Role } from "../../src/modules/auth/viewer";
import type { Logger } from "../../src/observability/logger";
import { type BylineServer, createServer } from "../../src/server";
import { createIsolatedDatabase } from "./test-database";

/** The machine's Redis that tests share (each under its own key prefix). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface GraphQLResponse<TData = any> {
  status: number;
  headers: Headers;
  body: { data?: TData | null; errors?: Array<{ message: string; path?: string[]; extensions?: any }> };
  /** SQL statements the request ran (from the X-SQL-Statements header). */
  statements: number;
}

export interface TestApp {
  baseUrl: string;
  /** The server's preview-token secret, to sign tokens the client could not (e.g. already expired ones). */
  previewSecret: string;
  dataSource: DataSource;
  /** The server itself (its article events, schedule, replicas). */
  server: BylineServer;
  gql<TData = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData>>;
  /** An API key with this role, for `Authorization: Bearer <key>`. */
  createKey(role: Role, name?: string): Promise<string>;
  close(): Promise<void>;
}

/** Byline as a client sees it: a real HTTP server on its own fresh database. */
export async function startTestApp(
  env: Record<string, string> = {},
  logger?: Logger,
  /** Another app's database (`databaseUrl`, not dropped on close), for several instances over one database. */
  shared: { databaseUrl?: string; redisPrefix?: string } = {},
): Promise<TestApp> {
  const isolated = shared.databaseUrl
    ? { url: shared.databaseUrl, drop: () => Promise.resolve() }
    : await createIsolatedDatabase();
  const { dataSource, close } = await openDatabase({ databaseUrl: isolated.url }, { poolMax: 5 });
  const config = loadConfig({ NODE_ENV: "test", EXPOSE_SQL_STATEMENTS: "true", ...env });
  const server = await createServer({ dataSource, config, logger, redisPrefix: shared.redisPrefix });
  await new Promise<void>((resolve) => server.httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    previewSecret: config.previewSecret,
    dataSource,
    server,
    gql: (query, variables, headers) => postGraphQL(baseUrl, query, variables, headers),
    async createKey(role, name = `test-${role.toLowerCase()}`) {
      return (await new ApiKeyService(dataSource).create(name, role)).key;
    },
    async close() {
      await server.stop();
      await close();
      await isolated.drop();
    },
  };
}

/** A GraphQL POST to the server at `baseUrl`, as a client sends it. */
export async function postGraphQL<TData = any>(
  baseUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse<TData>["body"],
    statements: Number(response.headers.get("x-sql-statements")),
  };
}

/** The Authorization header for an API key. */
export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<TData>(response: GraphQLResponse<TData>): TData {
  if (response.body.errors?.length || response.status !== 200) {
    throw new Error(`expected success, got HTTP ${response.status}: ${JSON.stringify(response.body.errors)}`);
  }
  return response.body.data as TData;
}
