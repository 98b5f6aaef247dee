import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import path from "node:path";

import { createIsolatedDatabase } from "../helpers/test-database";

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`Byline exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Byline did not become ready:\n${output()}`);
}

/** The real entry point, as `npm start` runs it: migrations, demo seed, serving, and a graceful stop. */
describe("the Byline process", () => {
  let database: Awaited<ReturnType<typeof createIsolatedDatabase>>;
  let child: ChildProcess;
  let output = "";
  let baseUrl: string;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ["-r", "@swc-node/register", "src/main.ts"], {
      cwd: path.resolve(__dirname, "../.."),
      env: {
        ...process.env,
        NODE_ENV: "test",
        LOG_LEVEL: "info",
        DATABASE_URL: database.url,
        PORT: String(port),
        SEED_DEMO: "true",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    await waitForReady(baseUrl, child, () => output);
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await database.drop();
  });

  it("starts on a database of its own, seeded with demo content", async () => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ latestNews(first: 3) { nodes { title author { name } } } }" }),
    });
    const body = (await response.json()) as { errors?: unknown; data: { latestNews: { nodes: unknown[] } } };
    expect(body.errors).toBeUndefined();
    expect(body.data.latestNews.nodes).toHaveLength(3);
  });

  it("answers every accepted request when stopped with SIGTERM, then exits 0", async () => {
    const query = JSON.stringify({
      query: "{ latestNews(first: 20) { nodes { slug tags { slug } author { name } } } }",
    });
    const burst = Array.from({ length: 40 }, () =>
      fetch(`${baseUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: query,
      }).then(
        async (response) => ({ status: response.status, body: await response.json() }),
        (error: Error) => ({ refused: error }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 15));
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    const results = await Promise.all(burst);
    const answered = results.filter((result) => "status" in result);
    expect(answered.length).toBeGreaterThan(0);
    for (const result of answered) {
      expect(result).toMatchObject({ status: 200, body: { data: { latestNews: { nodes: expect.any(Array) } } } });
    }
    // Requests that arrived after the listener closed were refused, never half-answered.
    for (const result of results.filter((r) => "refused" in r)) {
      expect(String((result as { refused: Error }).refused.cause ?? result)).toMatch(
        /ECONNREFUSED|ECONNRESET|other side closed/,
      );
    }
    expect(code).toBe(0);
    const lines = output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { msg: string; signal?: string });
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: "stopping: finishing in-flight requests", signal: "SIGTERM" }),
    );
    expect(lines.at(-1)).toMatchObject({ msg: "stopped" });
  });
});
