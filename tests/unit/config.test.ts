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
    const config = loadConfig({ DATABASE_URL: "postgres://u@db:5432/news", NODE_ENV: "production" });
    expect(config).toMatchObject({
      databaseUrl: "postgres://u@db:5432/news",
      seedDemo: false,
      exposeSqlStatements: false,
    });
    expect(loadConfig({ DATABASE_URL: "postgres://u@db/news", SEED_DEMO: "yes" }).seedDemo).toBe(true);
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
