import path from "node:path";

import {
  ConfigError,
  DEFAULT_COMPRESSION_MIN_BYTES,
  DEFAULT_DB_TIMEOUTS,
  DEFAULT_HTTP_CACHE,
  loadConfig,
} from "../../src/config";

describe("loadConfig", () => {
  it("defaults to the embedded PostgreSQL with demo content", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: "development",
      port: 4000,
      databaseUrl: null,
      seedDemo: true,
      migrationsRun: true,
      exposeSqlStatements: true,
      embedded: { dataDir: path.resolve(".data/postgres"), port: 54329 },
    });
  });

  it("uses DATABASE_URL without seeding unless asked", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://u@db:5432/news",
      NODE_ENV: "production",
      PREVIEW_SECRET: "x".repeat(32),
    });
    expect(config).toMatchObject({
      databaseUrl: "postgres://u@db:5432/news",
      seedDemo: false,
      exposeSqlStatements: false,
    });
    expect(loadConfig({ DATABASE_URL: "postgres://u@db/news", SEED_DEMO: "yes" }).seedDemo).toBe(true);
  });

  it("requires a preview secret of 32+ characters in production, and makes one up elsewhere", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/PREVIEW_SECRET is required in production/);
    expect(() => loadConfig({ PREVIEW_SECRET: "short" })).toThrow(/PREVIEW_SECRET must be at least 32 characters/);
    expect(loadConfig({}).previewSecret).toHaveLength(64);
  });

  it("bounds every wait for the database, the client's statement bound above the server's", () => {
    expect(loadConfig({}).dbTimeouts).toEqual(DEFAULT_DB_TIMEOUTS);
    expect(
      loadConfig({
        DB_CONNECT_TIMEOUT_MS: "1000",
        DB_STATEMENT_TIMEOUT_MS: "2000",
        DB_QUERY_TIMEOUT_MS: "2500",
        DB_READINESS_TIMEOUT_MS: "300",
      }).dbTimeouts,
    ).toEqual({ connectMs: 1000, statementMs: 2000, queryMs: 2500, readinessMs: 300 });
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: "0" })).toThrow(/DB_STATEMENT_TIMEOUT_MS must be an integer/);
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: "6000", DB_QUERY_TIMEOUT_MS: "6000" })).toThrow(
      /DB_QUERY_TIMEOUT_MS \(6000\) must be larger than DB_STATEMENT_TIMEOUT_MS \(6000\)/,
    );
  });

  it("reads how long caches keep anonymous reads and from what size answers are compressed", () => {
    expect(loadConfig({})).toMatchObject({
      httpCache: DEFAULT_HTTP_CACHE,
      compressionMinBytes: DEFAULT_COMPRESSION_MIN_BYTES,
    });
    expect(
      loadConfig({ CACHE_MAX_AGE_S: "300", CACHE_STALE_WHILE_REVALIDATE_S: "0", COMPRESSION_MIN_BYTES: "0" }),
    ).toMatchObject({ httpCache: { maxAgeS: 300, staleWhileRevalidateS: 0 }, compressionMinBytes: 0 });
    expect(() => loadConfig({ CACHE_MAX_AGE_S: "-1" })).toThrow(/CACHE_MAX_AGE_S must be an integer/);
    expect(() => loadConfig({ CACHE_STALE_WHILE_REVALIDATE_S: "soon" })).toThrow(
      /CACHE_STALE_WHILE_REVALIDATE_S must be an integer/,
    );
    expect(() => loadConfig({ COMPRESSION_MIN_BYTES: "1.5" })).toThrow(/COMPRESSION_MIN_BYTES must be an integer/);
  });

  it("reports every problem at once", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "http", DATABASE_URL: "mysql://x", MIGRATIONS_RUN: "maybe", NODE_ENV: "staging" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    for (const name of ["PORT", "MIGRATIONS_RUN", "NODE_ENV", "DATABASE_URL"]) {
      expect(problems).toContainEqual(expect.stringContaining(name));
    }
  });
});
