import type { AddressInfo } from "node:net";

import type { DataSource } from "typeorm";

import { loadConfig } from "../../src/config";
import { createDataSource } from "../../src/database/data-source";
import { createServer } from "../../src/server";
import { createIsolatedDatabase } from "./test-database";

export interface GraphQLResponse<TData = any> {
  status: number;
  headers: Headers;
  body: { data?: TData | null; errors?: Array<{ message: string; path?: string[]; extensions?: any }> };
  /** SQL statements the request ran (from the X-SQL-Statements header). */
  statements: number;
}

export interface TestApp {
  baseUrl: string;
  dataSource: DataSource;
  gql<TData = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<TData>>;
  close(): Promise<void>;
}

/** Byline as a client sees it: a real HTTP server on its own fresh database. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createIsolatedDatabase();
  const dataSource = createDataSource({ url: database.url, poolMax: 5 });
  await dataSource.initialize();
  const config = loadConfig({ NODE_ENV: "test", EXPOSE_SQL_STATEMENTS: "true", ...env });
  const server = await createServer({ dataSource, config, log: () => {} });
  await new Promise<void>((resolve) => server.httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    dataSource,
    async gql(query, variables) {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as GraphQLResponse["body"],
        statements: Number(response.headers.get("x-sql-statements")),
      };
    },
    async close() {
      await server.stop();
      await dataSource.destroy();
      await database.drop();
    },
  };
}

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<TData>(response: GraphQLResponse<TData>): TData {
  if (response.body.errors?.length || response.status !== 200) {
    throw new Error(`expected success, got HTTP ${response.status}: ${JSON.stringify(response.body.errors)}`);
  }
  return response.body.data as TData;
}
