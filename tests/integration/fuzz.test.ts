import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";

import {
  buildSchema,
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from "graphql";

import { encodeCursor } from "../../src/common/pagination";
import { loadConfig } from "../../src/config";
import { mulberry32 } from "../../src/database/seed/content/random";
import { ArticleStatus } from "../../src/modules/articles/article.entity";
import { Role } from "../../src/modules/auth/viewer";
import { type BylineServer, createServer } from "../../src/server";
import { createArticle, createAuthor, createTag, minutesAgo, relate, tagArticle } from "../helpers/factories";
import { bearer, dataOf, startTestApp, type TestApp } from "../helpers/test-app";

/**
 * Operations generated from the schema (schema.graphql, which `npm run check` holds equal to the resolvers'), with
 * boundary and hostile argument values, sent as a reader, an editor and an admin to both read paths. Whatever the
 * input, every answer must be coded, bounded in time, free of stack traces and SQL, and never a fault of Byline's.
 * Reproduce a failure with `FUZZ_SEED=<seed>` (the failure prints the seed, role, path, document and variables).
 */

const SCHEMA = buildSchema(readFileSync(path.resolve(__dirname, "../../schema.graphql"), "utf8"));
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_801);
const OPERATIONS_PER_RUN = 60;
const ANSWER_BOUND_MS = 3_000;
const MAX_DEPTH = 4;

/** Text a client must never see in an error: a stack frame, or what PostgreSQL or TypeORM would say. */
const LEAKS =
  /stacktrace|\.ts:\d+|\bat \S+ \(|QueryFailedError|\bSELECT\b|\bINSERT INTO\b|\bDELETE FROM\b|invalid byte sequence|invalid input syntax|violates|duplicate key|relation "|column "/i;

/** Values the generator draws from: what the fixture made (so some operations reach real rows), then hostile ones. */
interface Pools {
  ids: string[];
  slugs: string[];
  cursors: string[];
  tokens: string[];
}

const HOSTILE_STRINGS = [
  "",
  " ",
  "x".repeat(10_000),
  "\u0000",
  "slug\u0000tail",
  "\u0001\u0008\u001b\u001f\u007f",
  "line\nbreak\r\n\ttab",
  "é ß 中文 \u{1F4F0} \u202e",
  "\ud800",
  "'; DROP TABLE articles; --",
  "%_\\",
  "javascript:alert(1)",
  "https://example.org/a?b=c#d",
  "https://" + "a".repeat(3000) + ".example",
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "2026-13-45T25:61:61Z",
  "%%%",
  Buffer.from(JSON.stringify(["published", "2020-01-01T00:00:00.000Z", "x"])).toString("base64url"),
  Buffer.from(JSON.stringify(["name", "\u0000", "00000000-0000-0000-0000-000000000000"])).toString("base64url"),
  encodeCursor("published", { key: "0001-01-01T00:00:00.000Z", id: "ffffffff-ffff-ffff-ffff-ffffffffffff" }),
];
const INTS = [0, 1, 2, 3, 10, 20, 49, 50, 51, -1, -2_147_483_648, 2_147_483_647];
const DATES = [
  "2026-01-01T00:00:00Z",
  "1970-01-01T00:00:00.000Z",
  "0001-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "2026-02-30T00:00:00Z",
  "yesterday",
  "",
];
/** A value of the wrong type for whatever variable it is sent as (the request cannot run: a 400, never a 500). */
const WRONG_TYPES: unknown[] = [42, 1.5, true, "text", { nested: "object" }, [1, "two"], -0];

class Generator {
  private variables: string[] = [];
  readonly values: Record<string, unknown> = {};

  constructor(
    private readonly random: () => number,
    private readonly pools: Pools,
  ) {}

  chance = (p: number): boolean => this.random() < p;
  pick = <T>(items: readonly T[]): T => items[Math.floor(this.random() * items.length)]!;

  /** One operation of 1 or 2 root fields of Query or Mutation, with its variable definitions. */
  operation(): string {
    const mutation = this.chance(0.35);
    const root = (mutation ? SCHEMA.getMutationType() : SCHEMA.getQueryType())!;
    const fields = Object.values(root.getFields());
    const selections = Array.from({ length: this.chance(0.3) ? 2 : 1 }, (_, i) =>
      this.field(this.pick(fields), 1, `r${i}`),
    );
    const definitions = this.variables.length > 0 ? `(${this.variables.join(", ")})` : "";
    return `${mutation ? "mutation" : "query"} Fuzz${definitions} { ${selections.join(" ")} }`;
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number, alias?: string): string {
    const args = field.args.flatMap((arg) => this.argument(arg));
    const head = `${alias ? `${alias}: ` : ""}${field.name}${args.length > 0 ? `(${args.join(", ")})` : ""}`;
    const type = getNamedType(field.type);
    return isLeafType(type) ? head : `${head} { ${this.selection(type, depth + 1)} }`;
  }

  private selection(type: GraphQLNamedType, depth: number): string {
    if (isUnionType(type)) {
      return [
        "__typename",
        ...type.getTypes().map((member) => `... on ${member.name} { ${this.selection(member, depth)} }`),
      ]
        .filter((_, i) => i === 0 || this.chance(0.8))
        .join(" ");
    }
    if (!isObjectType(type)) return "__typename";
    const fields = Object.values(type.getFields()).filter((f) => depth < MAX_DEPTH || isLeafType(getNamedType(f.type)));
    const chosen = fields.filter(() => this.chance(0.35));
    if (chosen.length === 0) return "__typename";
    return chosen.map((f, i) => this.field(f, depth, this.chance(0.1) ? `k${depth}_${i}` : undefined)).join(" ");
  }

  /** An argument as a literal or a variable, or nothing (when it may be left out). */
  private argument(arg: GraphQLArgument): string[] {
    const optional = !isNonNullType(arg.type) || arg.defaultValue !== undefined;
    if (optional && this.chance(0.3)) return [];
    const value = this.value(arg.type, arg.name);
    if (this.chance(0.4) && !containsUndefined(value)) return [`${arg.name}: ${literal(value, arg.type)}`];
    const name = `v${this.variables.length}`;
    // A nullable variable may feed an argument with a default: an explicit null then meets the non-null argument.
    const declared =
      isNonNullType(arg.type) && arg.defaultValue !== undefined && this.chance(0.3) ? arg.type.ofType : arg.type;
    this.variables.push(`$${name}: ${String(declared)}`);
    this.values[name] = this.chance(0.05)
      ? this.pick(WRONG_TYPES)
      : declared === arg.type
        ? value
        : this.pick([value, null]);
    return [`${arg.name}: $${name}`];
  }

  private value(type: GraphQLInputType, name: string, depth = 0): unknown {
    if (isNonNullType(type)) return this.value(type.ofType, name, depth) ?? this.value(type.ofType, name, depth + 1);
    if (this.chance(0.12) || depth > 3) return null;
    if (isListType(type)) {
      return Array.from({ length: this.pick([0, 1, 2, 3]) }, () => this.value(type.ofType, name, depth + 1));
    }
    if (isEnumType(type)) return this.pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      const object: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        const optional = !isNonNullType(field.type) || field.defaultValue !== undefined;
        if (optional && this.chance(0.4)) continue;
        object[field.name] = this.value(field.type, field.name, depth + 1);
      }
      return object;
    }
    switch (type.name) {
      case "Int":
        return this.pick(INTS);
      case "Float":
        return this.pick([0, -1.5, 1e300]);
      case "Boolean":
        return this.chance(0.5);
      case "DateTimeISO":
        return this.pick(DATES);
      case "ID":
        return this.chance(0.6) ? this.pick(this.pools.ids) : this.pick(HOSTILE_STRINGS);
      default:
        return this.string(name);
    }
  }

  private string(name: string): string {
    if (this.chance(0.5)) return this.pick(HOSTILE_STRINGS);
    if (name === "after") return this.pick(this.pools.cursors);
    if (name === "token") return this.pick(this.pools.tokens);
    return this.pick(this.pools.slugs);
  }
}

const containsUndefined = (value: unknown): boolean =>
  value === undefined || (typeof value === "object" && value !== null && Object.values(value).some(containsUndefined));

/** A value as a GraphQL literal of `type` (JSON's string escapes are GraphQL's too). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null) return "null";
  if (isNonNullType(type)) return literal(value, type.ofType);
  if (isListType(type)) return `[${(value as unknown[]).map((item) => literal(item, type.ofType)).join(", ")}]`;
  if (isEnumType(type)) return String(value);
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([name, inner]) => `${name}: ${literal(inner, fields[name]!.type)}`)
      .join(", ")} }`;
  }
  return JSON.stringify(value);
}

interface Outcome {
  status: number;
  ms: number;
  text: string;
  body?: { errors?: Array<{ message?: string; extensions?: { code?: unknown } }> };
}

async function send(baseUrl: string, query: string, variables: unknown, headers: Record<string, string>) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(ANSWER_BOUND_MS * 2),
  });
  const text = await response.text();
  const outcome: Outcome = { status: response.status, ms: performance.now() - started, text };
  try {
    outcome.body = JSON.parse(text) as Outcome["body"];
  } catch {
    // reported below: every answer must be JSON
  }
  return outcome;
}

/** What is wrong with an answer, or nothing. */
function faultsOf(outcome: Outcome): string[] {
  const faults: string[] = [];
  if (outcome.status >= 500) faults.push(`HTTP ${outcome.status}`);
  if (outcome.ms > ANSWER_BOUND_MS) faults.push(`answered in ${Math.round(outcome.ms)} ms`);
  if (!outcome.body) return [...faults, `not JSON: ${outcome.text.slice(0, 200)}`];
  for (const error of outcome.body.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== "string") faults.push(`an error without a code: ${error.message}`);
    if (code === "INTERNAL_SERVER_ERROR") faults.push(`INTERNAL_SERVER_ERROR: ${error.message}`);
    if (LEAKS.test(JSON.stringify(error))) faults.push(`leaks internals: ${JSON.stringify(error).slice(0, 300)}`);
  }
  return faults;
}

describe("operations generated from the schema, with hostile arguments", () => {
  let app: TestApp;
  let general: BylineServer;
  const pools: Pools = { ids: [], slugs: [], cursors: [], tokens: [] };
  const keys: Record<string, Record<string, string>> = {};
  const servers: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    general = await createServer({
      dataSource: app.dataSource,
      config: loadConfig({ NODE_ENV: "test", READ_PATH: "loaders" }),
    });
    await new Promise<void>((resolve) => general.httpServer.listen(0, "127.0.0.1", resolve));
    servers["sql-answers"] = app.baseUrl; // the default read path (the look-ahead where SQL answers do not apply)
    servers.loaders = `http://127.0.0.1:${(general.httpServer.address() as AddressInfo).port}`;

    const ds = app.dataSource;
    const authors = [await createAuthor(ds, { slug: "fuzz-author" }), await createAuthor(ds)];
    const tags = [await createTag(ds, { slug: "fuzz-tag" }), await createTag(ds)];
    const articles = [];
    for (let i = 0; i < 8; i++) {
      const article = await createArticle(ds, {
        author: authors[i % 2]!,
        publishedAt: minutesAgo(i + 1),
        ...(i === 6 && { status: ArticleStatus.DRAFT, publishedAt: null }),
        ...(i === 7 && { status: ArticleStatus.SCHEDULED, publishedAt: new Date(Date.now() + 3_600_000) }),
      });
      await tagArticle(ds, article, tags[i % 2]!);
      articles.push(article);
    }
    await relate(ds, articles[0]!, [articles[1]!, { title: "Elsewhere", url: "https://example.org/x" }, articles[6]!]);
    keys.reader = {};
    keys.editor = bearer(await app.createKey(Role.EDITOR));
    keys.admin = bearer(await app.createKey(Role.ADMIN));

    pools.ids.push(...articles.map((a) => a.id), ...authors.map((a) => a.id), ...tags.map((t) => t.id));
    pools.slugs.push(...articles.map((a) => a.slug), ...authors.map((a) => a.slug), ...tags.map((t) => t.slug));
    const page = dataOf(await app.gql(`{ latestNews(first: 2) { pageInfo { endCursor } } }`));
    const authorPage = dataOf(await app.gql(`{ authors(first: 1) { pageInfo { endCursor } } }`));
    pools.cursors.push(page.latestNews.pageInfo.endCursor, authorPage.authors.pageInfo.endCursor);
    const preview = dataOf(
      await app.gql(
        `mutation ($id: ID!) { createArticlePreview(id: $id) { token } }`,
        { id: articles[6]!.id },
        keys.editor,
      ),
    );
    pools.tokens.push(preview.createArticlePreview.token, `${preview.createArticlePreview.token}x`);
  });

  afterAll(async () => {
    await general?.stop();
    await app?.close();
  });

  // Each run draws from its own stream of the seed, so any one of them can be replayed alone (`-t`).
  it.each([
    ["reader", "sql-answers", 1],
    ["reader", "loaders", 2],
    ["editor", "sql-answers", 3],
    ["editor", "loaders", 4],
    ["admin", "sql-answers", 5],
  ] as const)("as %s on the %s read path: no fault of Byline's, no leak, no hang", async (role, readPath, stream) => {
    const seed = SEED * 10 + stream;
    const random = mulberry32(seed);
    const failures: string[] = [];
    let sent = 0;
    for (let i = 0; i < OPERATIONS_PER_RUN; i++) {
      const generator = new Generator(random, pools);
      const query = generator.operation();
      const outcome = await send(servers[readPath]!, query, generator.values, keys[role]!);
      sent += 1;
      const faults = faultsOf(outcome);
      if (faults.length > 0) {
        failures.push(
          `FUZZ_SEED=${SEED} (run seed ${seed}, operation ${i}) as ${role} on ${readPath}: ${faults.join("; ")}\n` +
            `  document:  ${query}\n  variables: ${JSON.stringify(generator.values)}`,
        );
      }
    }
    expect(sent).toBe(OPERATIONS_PER_RUN);
    expect(failures.slice(0, 5).join("\n\n")).toBe("");
  });
});
