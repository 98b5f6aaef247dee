import { startTestApp, type TestApp } from "../helpers/test-app";

describe("probes", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it("answers /healthz while the process lives", async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers /readyz with 200 while the database answers, 503 when it does not", async () => {
    const ready = await fetch(`${app.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    await app.dataSource.destroy();
    const unready = await fetch(`${app.baseUrl}/readyz`);
    expect(unready.status).toBe(503);
    expect(await unready.json()).toEqual({ status: "unavailable", reason: "database unreachable" });
    await app.dataSource.initialize();
  });
});
