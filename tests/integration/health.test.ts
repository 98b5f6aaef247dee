import { Writable } from "node:stream";

import { createLogger } from "../../src/observability/logger";
import { startTestApp, type TestApp } from "../helpers/test-app";

describe("probes", () => {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger(
    "info",
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    }),
  );
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({}, logger);
  });
  afterAll(() => app.close());

  it("answers /healthz while the process lives", async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers /readyz with 200 while the database answers, 503 when it does not, and logs why", async () => {
    const ready = await fetch(`${app.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    await app.dataSource.destroy();
    try {
      const unready = await fetch(`${app.baseUrl}/readyz`, { headers: { "x-request-id": "probe-1" } });
      expect(unready.status).toBe(503);
      expect(await unready.json()).toEqual({ status: "unavailable", reason: "database unreachable" });
      // The answer is written after the log line, so it is there by now.
      expect(lines.find((line) => line.reqId === "probe-1" && line.level === 40)).toMatchObject({
        msg: "not ready: database unreachable",
        err: expect.objectContaining({ message: expect.any(String) }),
      });
    } finally {
      await app.dataSource.initialize();
    }
  });
});
