import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

import { bearer, startTestApp, type TestApp } from "../helpers/test-app";

const run = promisify(execFile);

/** `npm run keys -- ...` as an operator runs it, against the app's database. */
async function keys(databaseUrl: string, ...args: string[]) {
  const { stdout } = await run(process.execPath, ["-r", "@swc-node/register", "scripts/keys.ts", ...args], {
    cwd: path.resolve(__dirname, "../.."),
    env: { ...process.env, NODE_ENV: "test", DATABASE_URL: databaseUrl },
  });
  return stdout;
}

describe("API keys from the command line", () => {
  let app: TestApp;
  let databaseUrl: string;

  beforeAll(async () => {
    app = await startTestApp();
    databaseUrl = (app.dataSource.options as { url: string }).url;
  });
  afterAll(() => app.close());

  it("creates a key shown once, lists it without the key, and revokes it", async () => {
    const created = await keys(databaseUrl, "create", "--name", "cms", "--role", "EDITOR");
    const key = /byl_[A-Za-z0-9_-]{43}/.exec(created)?.[0];
    expect(key).toBeDefined();
    const mutation = `mutation { createTag(name: "From the CLI") { slug } }`;
    expect((await app.gql(mutation, {}, bearer(key!))).body).toEqual({ data: { createTag: { slug: "from-the-cli" } } });

    const listed = await keys(databaseUrl, "list");
    expect(listed).toContain("cms");
    expect(listed).toContain("active");
    expect(listed).not.toContain(key);

    expect(await keys(databaseUrl, "revoke", key!.slice(0, 10))).toContain("Revoked 1 key");
    expect((await app.gql(mutation, {}, bearer(key!))).status).toBe(401);
  }, 60_000);

  it("refuses a role that does not exist", async () => {
    await expect(keys(databaseUrl, "create", "--name", "x", "--role", "OWNER")).rejects.toMatchObject({ code: 1 });
  }, 30_000);
});
