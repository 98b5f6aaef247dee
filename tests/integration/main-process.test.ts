import { once } from "node:events";
import http from "node:http";
import { connect } from "node:net";

import { Client } from "pg";

import { type BylineProcess, startBylineProcess, waitFor } from "../helpers/processes";
import { createIsolatedDatabase } from "../helpers/test-database";

interface Answer {
  status: number;
  body: unknown;
}

/** A GraphQL POST on a connection of its own (no keep-alive pool), so each request is one accepted connection. */
function post(port: number, query: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, path: "/graphql", method: "POST", agent: false },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.setHeader("content-type", "application/json");
    request.end(JSON.stringify({ query }));
  });
}

/**
 * Whether a new TCP connection to `port` is refused (ECONNREFUSED); a connection that is accepted is closed again.
 * A probe that reaches the listener as it closes is reset (ECONNRESET): not refused yet, so waitFor asks again.
 */
function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED") resolve(true);
      else if (error.code === "ECONNRESET") resolve(false);
      else reject(error);
    });
  });
}

interface Byline extends BylineProcess {
  databaseUrl: string;
  /** Kills the process if it still runs, and drops its database. */
  dispose(): Promise<void>;
}

/** The real entry point, as `npm start` runs it, on a database of its own with demo content; resolves once ready. */
async function startByline(): Promise<Byline> {
  const database = await createIsolatedDatabase();
  try {
    const process = await startBylineProcess({ DATABASE_URL: database.url, SEED_DEMO: "true" });
    return {
      ...process,
      databaseUrl: database.url,
      async dispose() {
        await process.kill();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/**
 * The connections to the observer's database that are waiting for a lock. The observer must be outside a transaction:
 * within one, PostgreSQL answers pg_stat_activity from the snapshot it took first.
 */
async function waitingOnLocks(observer: Client): Promise<number> {
  const { rows } = await observer.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return rows[0]!.n;
}

const FEED = "{ latestNews(first: 20) { nodes { slug tags { slug } author { name } } } }";
const IN_FLIGHT = 5;

/** The real entry point, as `npm start` runs it: migrations, demo seed, serving, and a graceful stop. */
describe("the Byline process", () => {
  let byline: Byline | undefined;
  afterEach(async () => {
    await byline?.dispose();
    byline = undefined;
  });

  it("starts on a database of its own, seeded with demo content", async () => {
    byline = await startByline();
    const answer = await post(byline.port, "{ latestNews(first: 3) { nodes { title author { name } } } }");
    expect(answer.status).toBe(200);
    const body = answer.body as { errors?: unknown; data: { latestNews: { nodes: unknown[] } } };
    expect(body.errors).toBeUndefined();
    expect(body.data.latestNews.nodes).toHaveLength(3);
  }, 60_000);

  it("on SIGTERM refuses new connections, answers every request in flight completely, then exits 0", async () => {
    byline = await startByline();
    const { port, child } = byline;
    const reference = await post(port, FEED);
    expect(reference).toMatchObject({ status: 200, body: { data: { latestNews: { nodes: expect.any(Array) } } } });
    expect((reference.body as { data: { latestNews: { nodes: unknown[] } } }).data.latestNews.nodes).toHaveLength(20);
    // "close", not "exit": the child's output is complete only once its pipes have closed.
    const exited = once(child, "close");

    // Readers wait while another transaction holds the articles table: real requests, slow for as long as we say.
    const blocker = new Client(byline.databaseUrl);
    const observer = new Client(byline.databaseUrl);
    await Promise.all([blocker.connect(), observer.connect()]);
    try {
      await blocker.query("BEGIN");
      await blocker.query("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE");
      const inFlight = Array.from({ length: IN_FLIGHT }, () => post(port, FEED));
      // Settled answers are checked below; a rejection (a reset of an accepted request) fails the test there.
      inFlight.forEach((answer) => answer.catch(() => {}));
      await waitFor(
        `${IN_FLIGHT} requests waiting in PostgreSQL`,
        async () => (await waitingOnLocks(observer)) >= IN_FLIGHT,
      );

      child.kill("SIGTERM");
      await waitFor("the listener to close", () => connectionRefused(port));
      expect(child.exitCode).toBeNull(); // still draining: the requests are still waiting on the lock
      expect(await waitingOnLocks(observer)).toBe(IN_FLIGHT);
      await blocker.query("ROLLBACK");

      for (const answer of await Promise.all(inFlight)) expect(answer).toEqual(reference);
    } finally {
      await Promise.all([blocker.end(), observer.end()]);
    }
    const [code] = await exited;
    expect(code).toBe(0);
    const lines = byline
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { msg: string; signal?: string });
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: "stopping: finishing in-flight requests", signal: "SIGTERM" }),
    );
    expect(lines.at(-1)).toMatchObject({ msg: "stopped" });
  }, 60_000);
});
