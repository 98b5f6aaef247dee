import { once } from "node:events";

import { openDatabase } from "../../src/database/database";
import { ApiKeyService } from "../../src/modules/auth/api-key.service";
import { Role } from "../../src/modules/auth/viewer";
import { createAuthor } from "../helpers/factories";
import { type BylineProcess, startBylineProcess, waitFor } from "../helpers/processes";
import { bearer, dataOf, type GraphQLResponse, postGraphQL, startTestApp, type TestApp } from "../helpers/test-app";
import { createIsolatedDatabase } from "../helpers/test-database";
import { WebhookReceiver } from "../helpers/webhook-receiver";

const CREATE_WEBHOOK = `mutation ($input: CreateWebhookInput!) {
  createWebhook(input: $input) { secret webhook { id url events } }
}`;
const DELIVERIES = `query ($id: ID!) {
  webhook(id: $id) { deliveries(first: 50) { nodes {
    id eventId status attempts lastAttemptAt nextAttemptAt lastResponseStatus lastResponseBody lastError
  } } }
}`;
const REDELIVER = `mutation ($id: ID!) { redeliverWebhookDelivery(id: $id) { id status attempts } }`;
const CREATE = `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id version } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishArticle(id: $id, version: $version) { version } }`;
const UPDATE = `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { version } }`;

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;

/** A published article that is then edited: events published, updated (in that order). */
async function publishAndEdit(gql: Gql, authorId: string, title: string): Promise<string> {
  const { id, version } = dataOf(await gql(CREATE, { input: { title, body: "Text.", authorId } })).createArticle;
  const published = dataOf(await gql(PUBLISH, { id, version })).publishArticle;
  dataOf(await gql(UPDATE, { input: { id, version: published.version, title: `${title}, edited` } }));
  return id;
}

describe("webhooks", () => {
  let app: TestApp;
  let admin: Record<string, string>;
  const receiver = new WebhookReceiver();
  let url: string;

  beforeAll(async () => {
    app = await startTestApp({
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
      WEBHOOK_MAX_ATTEMPTS: "3",
      WEBHOOK_BACKOFF_BASE_MS: "20",
      WEBHOOK_TIMEOUT_MS: "2000",
    });
    admin = bearer(await app.createKey(Role.ADMIN));
    url = await receiver.listen();
  });
  afterAll(async () => {
    await app?.close();
    await receiver.close();
  });

  it("is for admins only", async () => {
    const input = { url, events: ["PUBLISHED"] };
    const anonymous = await app.gql(CREATE_WEBHOOK, { input });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const editor = await app.gql(CREATE_WEBHOOK, { input }, bearer(await app.createKey(Role.EDITOR)));
    expect(editor.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const list = await app.gql(`{ webhooks { id } }`, {}, bearer(await app.createKey(Role.EDITOR)));
    expect(list.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("delivers signed events, retries failures with backoff, marks them failed, and redelivers", async () => {
    const created = dataOf(
      await app.gql(CREATE_WEBHOOK, { input: { url, events: ["PUBLISHED", "UPDATED"] } }, admin),
    ).createWebhook;
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(created.webhook.events).toEqual(["PUBLISHED", "UPDATED"]);
    receiver.secret = created.secret;
    let failing = true;
    receiver.respond = () => (failing ? 503 : 204);

    const author = await createAuthor(app.dataSource);
    const gql: Gql = (query, variables) => app.gql(query, variables, admin);
    const articleId = await publishAndEdit(gql, author.id, "Webhooks");

    const deliveries = async () =>
      dataOf(await gql(DELIVERIES, { id: created.webhook.id })).webhook.deliveries.nodes as Array<{
        id: string;
        eventId: string;
        status: string;
        attempts: number;
        lastResponseStatus: number | null;
        lastResponseBody: string | null;
        nextAttemptAt: string | null;
      }>;
    // The first event fails three times and is marked failed; only then does the article's next event go out.
    await waitFor("both deliveries to fail", async () => (await deliveries()).every((d) => d.status === "FAILED"));
    const failed = await deliveries();
    expect(failed).toHaveLength(2);
    for (const delivery of failed) {
      expect(delivery).toMatchObject({ attempts: 3, lastResponseStatus: 503, lastResponseBody: "answer 503" });
      expect(delivery.nextAttemptAt).toBeNull();
    }
    const [updateEvent, publishEvent] = failed; // newest first
    const tries = receiver.received.map((request) => request.id);
    expect(tries).toEqual([
      ...Array(3).fill(`evt_${publishEvent!.eventId}`),
      ...Array(3).fill(`evt_${updateEvent!.eventId}`),
    ]);
    expect(receiver.received.every((request) => request.verified)).toBe(true);
    expect(receiver.received[0]!.body).toMatchObject({
      type: "article.published",
      data: { eventId: publishEvent!.eventId, articleId, sequence: 1, title: "Webhooks" },
    });

    failing = false;
    const redelivered = dataOf(await gql(REDELIVER, { id: publishEvent!.id })).redeliverWebhookDelivery;
    expect(redelivered).toMatchObject({ status: "PENDING", attempts: 0 });
    await waitFor("the redelivery", async () =>
      (await deliveries()).some((d) => d.id === publishEvent!.id && d.status === "SUCCEEDED"),
    );
    expect(receiver.received.at(-1)).toMatchObject({ id: `evt_${publishEvent!.eventId}`, verified: true });
    dataOf(await gql(`mutation ($id: ID!) { deleteWebhook(id: $id) }`, { id: created.webhook.id }));
  });

  it("answers bad input with coded errors naming the field", async () => {
    const bad = await app.gql(CREATE_WEBHOOK, { input: { url: "ftp://example.com/", events: ["PUBLISHED"] } }, admin);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", violations: [{ field: "url" }] });
    const none = await app.gql(CREATE_WEBHOOK, { input: { url, events: [] } }, admin);
    expect(none.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const { webhook } = dataOf(
      await app.gql(CREATE_WEBHOOK, { input: { url, events: ["REMOVED"] } }, admin),
    ).createWebhook;
    for (const [args, field] of [
      [`after: "nope"`, "after"],
      ["first: 0", "first"],
    ]) {
      const page = await app.gql(
        `query ($id: ID!) { webhook(id: $id) { deliveries(${args}) { nodes { id } } } }`,
        { id: webhook.id },
        admin,
      );
      expect(page.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", violations: [{ field }] });
    }
    const missing = await app.gql(REDELIVER, { id: "00000000-0000-4000-8000-000000000000" }, admin);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("webhook targets (SSRF)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it.each([
    "http://127.0.0.1:8080/hook",
    "http://localhost/hook",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://[::1]/",
    "http://[fd00::1]/",
    "http://[::ffff:127.0.0.1]/",
  ])("refuses %s at registration with BAD_USER_INPUT on url", async (target) => {
    const admin = bearer(await app.createKey(Role.ADMIN));
    const answer = await app.gql(CREATE_WEBHOOK, { input: { url: target, events: ["PUBLISHED"] } }, admin);
    expect(answer.status).toBe(200);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      violations: [{ field: "url", rule: "publicAddress" }],
    });
  });

  it("refuses at send time a target that has become private (no delivery reaches it)", async () => {
    const receiver = new WebhookReceiver();
    const local = await receiver.listen();
    try {
      // Registered as if it had resolved publicly then; the send-time check resolves it again.
      await app.dataSource.query(
        `INSERT INTO webhooks (url, events, secret) VALUES ($1, '{article.published}', 'whsec_AAAA')`,
        [local],
      );
      const admin = bearer(await app.createKey(Role.ADMIN));
      const author = await createAuthor(app.dataSource);
      const { id, version } = dataOf(
        await app.gql(CREATE, { input: { title: "Private", body: "x", authorId: author.id } }, admin),
      ).createArticle;
      dataOf(await app.gql(PUBLISH, { id, version }, admin));
      await waitFor("a refused try", async () => {
        const rows = (await app.dataSource.query(`SELECT attempts, last_error FROM webhook_deliveries`)) as Array<{
          attempts: number;
          last_error: string | null;
        }>;
        return rows.length === 1 && rows[0]!.attempts >= 1;
      });
      const [row] = (await app.dataSource.query(
        `SELECT last_error, last_response_status FROM webhook_deliveries`,
      )) as Array<{
        last_error: string;
        last_response_status: number | null;
      }>;
      expect(row!.last_error).toMatch(/private/);
      expect(row!.last_response_status).toBeNull();
      expect(receiver.received).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});

/** The real entry point as a child process on `databaseUrl`, delivering to the local receiver; resolves once ready. */
const startByline = (databaseUrl: string): Promise<BylineProcess> =>
  startBylineProcess({
    LOG_LEVEL: "warn",
    DATABASE_URL: databaseUrl,
    SEED_DEMO: "false",
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
    WEBHOOK_BACKOFF_BASE_MS: "50",
    WEBHOOK_TIMEOUT_MS: "60000",
  });

describe("webhook delivery survives SIGKILL mid-delivery", () => {
  it("gets every event to the receiver, each id at least once, in order per article", async () => {
    const database = await createIsolatedDatabase();
    const { dataSource, close } = await openDatabase({ databaseUrl: database.url }, { poolMax: 2 });
    const receiver = new WebhookReceiver();
    let byline = await startByline(database.url);
    try {
      const admin = bearer((await new ApiKeyService(dataSource).create("webhooks-admin", Role.ADMIN)).key);
      const gql: Gql = (query, variables) => postGraphQL(byline.url, query, variables, admin);
      const url = await receiver.listen();
      const created = dataOf(
        await gql(CREATE_WEBHOOK, { input: { url, events: ["PUBLISHED", "UPDATED", "REMOVED"] } }),
      ).createWebhook;
      receiver.secret = created.secret;
      // The first request is held open: the instance is killed while it waits for the answer.
      let first = true;
      receiver.respond = () => {
        if (!first) return 204;
        first = false;
        return "hold";
      };
      const author = await createAuthor(dataSource);
      const articles: string[] = [];
      for (const title of ["One", "Two", "Three"]) articles.push(await publishAndEdit(gql, author.id, title));
      await waitFor("a delivery held open", () => receiver.holding());
      byline.child.kill("SIGKILL");
      await once(byline.child, "exit");
      receiver.release();

      byline = await startByline(database.url);
      const events = (await dataSource.query(
        `SELECT id, article_id, article_seq FROM article_events ORDER BY id`,
      )) as Array<{
        id: string;
        article_id: string;
        article_seq: number;
      }>;
      expect(events).toHaveLength(6);
      await waitFor(
        "every event at the receiver",
        () => events.every((event) => receiver.received.some((request) => request.id === `evt_${event.id}`)),
        30_000,
      );
      expect(receiver.received.every((request) => request.verified)).toBe(true);
      // The held request reached the receiver before the kill, and again after the restart.
      const heldId = receiver.received[0]!.id;
      expect(receiver.received.filter((request) => request.id === heldId).length).toBeGreaterThanOrEqual(2);
      for (const articleId of articles) {
        const sequences = receiver.received
          .filter((request) => request.body.data.articleId === articleId)
          .map((request) => request.body.data.sequence);
        // In order per article: a sequence is never received after a later one of the same article.
        const firstSeen = [...new Set(sequences)];
        expect(firstSeen).toEqual([1, 2]);
        expect(sequences.lastIndexOf(1)).toBeLessThan(sequences.indexOf(2));
      }
      const statuses = async () =>
        ((await dataSource.query(`SELECT DISTINCT status FROM webhook_deliveries`)) as Array<{ status: string }>).map(
          (row) => row.status,
        );
      await waitFor("every delivery to be marked succeeded", async () => (await statuses()).length === 1);
      expect(await statuses()).toEqual(["SUCCEEDED"]);
    } finally {
      if (byline.child.exitCode === null && byline.child.signalCode === null) {
        byline.child.kill("SIGKILL");
        await once(byline.child, "exit");
      }
      await receiver.close();
      await close();
      await database.drop();
    }
  }, 90_000);
});
