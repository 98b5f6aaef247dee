import { randomBytes } from "node:crypto";
import path from "node:path";

import { Client } from "pg";

import { openDatabase } from "../../src/database/database";
import { createDatabaseIfMissing, quoteIdent } from "../../src/database/embedded-postgres";

/**
 * Name of the migrated database every test file of this run copies (CREATE DATABASE ... TEMPLATE). It is the run's
 * own (global setup names it), so two test runs on one server never drop each other's template.
 */
export function templateDatabase(): string {
  const name = process.env.BYLINE_TEST_TEMPLATE;
  if (!name) throw new Error("BYLINE_TEST_TEMPLATE is not set: run the tests through jest (global setup sets it)");
  return name;
}
export const EMBEDDED_TEST_DIR = path.resolve(".data/postgres-test");
export const EMBEDDED_TEST_PORT = Number(process.env.EMBEDDED_TEST_PG_PORT ?? 54330);

/** The server tests run against: TEST_DATABASE_URL's server, or the embedded one that global setup started. */
export function adminUrl(): string {
  const url = process.env.BYLINE_TEST_ADMIN_URL;
  if (!url) throw new Error("BYLINE_TEST_ADMIN_URL is not set: run the tests through jest (global setup sets it)");
  return url;
}

export function databaseUrl(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the template database and applies every migration to it (once per test run). */
export async function prepareTemplate(): Promise<void> {
  process.env.BYLINE_TEST_TEMPLATE = `byline_test_template_${randomBytes(4).toString("hex")}`;
  await createDatabaseIfMissing(adminUrl(), templateDatabase());
  const template = await openDatabase({ databaseUrl: databaseUrl(templateDatabase()) }, { poolMax: 1, migrate: true });
  await template.close();
}

/** A fresh, migrated database of this test file's own; files never share data. */
export async function createIsolatedDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `byline_test_${randomBytes(6).toString("hex")}`;
  await createDatabaseIfMissing(adminUrl(), name, templateDatabase());
  return { url: databaseUrl(name), drop: () => dropDatabase(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
