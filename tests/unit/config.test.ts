import path from "node:path";

import { ConfigError, loadConfig } from "../../src/config";

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
