import { ConfigError, loadConfig } from "../../src/config";
import { parseLsn, replicaName } from "../../src/database/read-replicas";

describe("read replica configuration", () => {
  const primary = "postgres://byline:secret@db:5432/byline";

  it("reads DATABASE_REPLICA_URLS as a comma-separated list, with the lag bound and check interval", () => {
    const config = loadConfig({
      DATABASE_URL: primary,
      DATABASE_REPLICA_URLS: " postgres://r1:5432/byline, postgresql://r2/byline ,",
      REPLICA_MAX_LAG_MS: "2000",
    });
    expect(config.databaseReplicaUrls).toEqual(["postgres://r1:5432/byline", "postgresql://r2/byline"]);
    expect(config.replicas).toEqual({ maxLagMs: 2000, checkIntervalMs: 1000 });
    expect(loadConfig({ DATABASE_URL: primary })).toMatchObject({
      databaseReplicaUrls: [],
      replicas: { maxLagMs: 5000 },
    });
  });

  it("refuses replica URLs that are not PostgreSQL URLs, and replicas without a primary URL", () => {
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: "mysql://r1/byline" })).toThrow(
      /DATABASE_REPLICA_URLS must be a comma-separated list of postgres:\/\//,
    );
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: "postgres://r1/byline" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: primary, REPLICA_MAX_LAG_MS: "-1" })).toThrow(/REPLICA_MAX_LAG_MS/);
  });

  it("turns WAL positions into byte positions and names replicas without their credentials", () => {
    expect(parseLsn("0/3000000")).toBe(0x3000000n);
    expect(parseLsn("16/B374D848") - parseLsn("16/B374D000")).toBe(0x848n);
    expect(parseLsn("1/0")).toBe(2n ** 32n);
    expect(replicaName("postgres://user:secret@standby.internal/byline")).toBe("standby.internal:5432/byline");
  });
});
