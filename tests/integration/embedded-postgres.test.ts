import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { EmbeddedPostgresError, startEmbeddedPostgres } from "../../src/database/embedded-postgres";

describe("the embedded PostgreSQL after a crash", () => {
  it("says which leftover process holds the data dir and how to stop it", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "byline-stale-"));
    // A process named like the postgres a killed Byline would leave behind.
    const leftover = spawn("bash", ["-c", "exec -a postgres sleep 30"], { stdio: "ignore" });
    try {
      await writeFile(path.join(dataDir, "PG_VERSION"), "18\n");
      await writeFile(path.join(dataDir, "postmaster.pid"), `${leftover.pid}\n${dataDir}\n`);
      const start = startEmbeddedPostgres({ dataDir, port: 54399 });
      await expect(start).rejects.toBeInstanceOf(EmbeddedPostgresError);
      await expect(start).rejects.toThrow(`Stop it with "kill ${leftover.pid}"`);
    } finally {
      leftover.kill();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
