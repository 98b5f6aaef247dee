import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getVariableValues,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
} from "graphql";

import type { Connection } from "../../common/pagination";
import { SqlParams } from "../../database/read-statements";
import type { Context } from "../../graphql/context";
import { answerKeysOf, answerTextOf, JsonText } from "../../graphql/json-text";
import { operationSelection, type SelectedField, type Selection, type SelectionScope } from "../../graphql/selection";
import type { Article } from "../articles/article.entity";
import type { Viewer } from "../auth/viewer";
import { ArticleAnswer } from "./article.answer";
import { ArticleProjection, connectionNodes } from "./article.projection";
import { answerInSql, PerOperation } from "./look-ahead";

/**
 * Whole answers written by PostgreSQL, for the reader pages: when every root field of a query is one this knows
 * (`article`, `latestNews`, `articles`, `__typename`) and everything below it is something ArticleAnswer writes in SQL,
 * each root field's JSON comes from its one statement as text and goes into the response as it is. graphql-js does
 * not walk it, and nothing is parsed or serialized again on the way.
 *
 * The root fields still run through their own resolvers, so their arguments are coerced, validated and rejected
 * where they always are, and the feed's cursors and page flags come from the same code (toConnection). On a read the
 * response cache keeps, the same statement also writes the dependency keys each answer shows (ArticleAnswer.keys).
 * Anything else (a field it does not know, an error) goes to the general execution, which answers it as it would have
 * without this: the read-paths test sends every shape both ways, the response-cache test compares the keys. A root
 * field that failed here fails there with the same error, without a second attempt (reuseFailures).
 */
export function sqlAnswersPlugin(): ApolloServerPlugin<Context> {
  return {
    async serverWillStart({ schema }) {
      reuseFailures(schema);
    },
    async requestDidStart() {
      return {
        async responseForOperation({ schema, operation, document, request, contextValue }) {
          if (!mayAnswer(operation)) return null;
          const queryType = schema.getQueryType();
          if (!queryType) return null;
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (coerced.errors) return null;
          const scope: SelectionScope = { schema, fragments: fragmentsOf(document), variableValues: coerced.coerced };
          const plan = planOf(scope, queryType, operation, contextValue.viewer);
          if (!plan) return null;
          const data = await answer(plan, scope, queryType, operation, contextValue);
          if (!data) return null;
          contextValue.request.answeredInSql = true;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: "single", singleResult: { data } },
          };
        },
      };
    },
  } satisfies ApolloServerPlugin<Context>;
}

/** A document's fragments by name, once per parsed document. */
const fragmentsByDocument = new WeakMap<DocumentNode, Record<string, FragmentDefinitionNode>>();

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  let fragments = fragmentsByDocument.get(document);
  if (!fragments) {
    fragments = Object.create(null) as Record<string, FragmentDefinitionNode>;
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    fragmentsByDocument.set(document, fragments);
  }
  return fragments;
}

/** How one root field's value becomes its JSON text. */
type RootAnswer =
  | { kind: "typename" }
  | { kind: "article"; field: GraphQLField<unknown, unknown>; nodes: readonly FieldNode[]; selection: Selection }
  | {
      kind: "connection";
      field: GraphQLField<unknown, unknown>;
      nodes: readonly FieldNode[];
      selection: Selection;
      articles: Selection;
    };

interface Plan {
  roots: Array<[key: string, root: RootAnswer]>;
}

const ARTICLE_ROOTS = new Set(["article"]);
const CONNECTION_ROOTS = new Set(["latestNews", "articles"]);
const ROOTS = new Set(["__typename", ...ARTICLE_ROOTS, ...CONNECTION_ROOTS]);

/**
 * Whether an operation could be answered in SQL at all, from its text alone: a query whose root fields (outside
 * fragments) are all ones this knows. Any other request (mutations, search, previews ...) costs no variable coercion
 * or plan lookup here. Once per parsed operation.
 */
const possible = new WeakMap<OperationDefinitionNode, boolean>();

function mayAnswer(operation: OperationDefinitionNode): boolean {
  let known = possible.get(operation);
  if (known === undefined) {
    known =
      operation.operation === OperationTypeNode.QUERY &&
      operation.selectionSet.selections.every(
        (selection) => selection.kind !== Kind.FIELD || ROOTS.has(selection.name.value),
      );
    possible.set(operation, known);
  }
  return known;
}

/**
 * The plan of an operation, or null when it cannot be answered in SQL: decided once per operation, viewer kind and
 * values of the variables that can change what is selected (those of root arguments only change the statement's
 * parameters), like the look-ahead's projections.
 */
const plans = new PerOperation<Plan | null>();

function planOf(
  scope: SelectionScope,
  queryType: GraphQLObjectType,
  operation: OperationDefinitionNode,
  viewer: Viewer,
): Plan | null {
  return plans.get(operation, scope.fragments, scope.variableValues, [viewer.isEditor], () => {
    try {
      return compilePlan(operationSelection(scope, queryType, operation), queryType, viewer);
    } catch {
      return null; // a value below the root that fails coercion: execution reports it
    }
  });
}

function compilePlan(roots: Selection, queryType: GraphQLObjectType, viewer: Viewer): Plan | null {
  const plan: Plan = { roots: [] };
  const covered = (selection: Selection) =>
    new ArticleAnswer(new ArticleProjection(viewer, new SqlParams())).article("a", selection) !== null;
  for (const [key, root] of roots) {
    if (root.name === "__typename") {
      plan.roots.push([key, { kind: "typename" }]);
      continue;
    }
    const field = queryType.getFields()[root.name] as GraphQLField<unknown, unknown> | undefined;
    if (!field?.resolve) return null;
    if (ARTICLE_ROOTS.has(root.name)) {
      const selection = root.fields.get("Article");
      if (!selection || !covered(selection)) return null;
      plan.roots.push([key, { kind: "article", field, nodes: root.nodes, selection }]);
    } else if (CONNECTION_ROOTS.has(root.name)) {
      const selection = root.fields.get("ArticleConnection");
      const articles = selection && connectionNodesOf(selection);
      if (!selection || !articles || !covered(articles)) return null;
      plan.roots.push([key, { kind: "connection", field, nodes: root.nodes, selection, articles }]);
    } else {
      return null;
    }
  }
  return plan;
}

const CONNECTION_FIELDS = new Set(["__typename", "nodes", "edges", "pageInfo"]);
const EDGE_FIELDS = new Set(["__typename", "cursor", "node"]);
const PAGE_INFO_FIELDS = new Set(["__typename", "hasNextPage", "hasPreviousPage", "startCursor", "endCursor"]);

/**
 * The one article selection of a connection's nodes (under `nodes` or `edges { node }`, connectionNodes); null when
 * it has a field written in code only (counts) or articles at more than one place, each with its own selection.
 */
function connectionNodesOf(connection: Selection): Selection | null {
  for (const field of connection.values()) {
    if (!CONNECTION_FIELDS.has(field.name)) return null;
    if (field.name === "pageInfo" && !only(field.fields.get("PageInfo")!, PAGE_INFO_FIELDS)) return null;
    if (field.name === "edges" && !only(field.fields.get("ArticleEdge")!, EDGE_FIELDS)) return null;
  }
  const found = connectionNodes([connection]);
  return found.length > 1 ? null : (found[0] ?? new Map());
}

const only = (selection: Selection, names: ReadonlySet<string>): boolean =>
  [...selection.values()].every((field) => names.has(field.name));

/**
 * The errors of root resolvers that failed here, by request and field: execution, which then answers the request,
 * gets the same error from the same field without asking the database again. A read that hit a timeout is one
 * bounded wait, not two (the frozen-database test counts its statements).
 */
const failures = new WeakMap<Context, Map<FieldNode, unknown>>();

/** Makes the schema's answerable root fields fail at once in execution when they already failed here. */
function reuseFailures(schema: GraphQLSchema): void {
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const name of [...ARTICLE_ROOTS, ...CONNECTION_ROOTS]) {
    const field = fields[name];
    const resolve = field?.resolve;
    if (!field || !resolve) continue;
    field.resolve = (source, args, context: Context, info) => {
      const failed = failures.get(context);
      if (failed?.has(info.fieldNodes[0]!)) throw failed.get(info.fieldNodes[0]!);
      return resolve(source, args, context, info);
    };
  }
}

/** Runs the root resolvers; their answers as JSON text, or null to leave the request to execution. */
async function answer(
  plan: Plan,
  scope: SelectionScope,
  queryType: GraphQLObjectType,
  operation: OperationDefinitionNode,
  context: Context,
): Promise<Record<string, JsonText> | null> {
  const settled = await Promise.allSettled(
    plan.roots.map(async ([key, root]) => {
      if (root.kind === "typename") return JSON.stringify(queryType.name);
      const info: GraphQLResolveInfo = {
        fieldName: root.field.name,
        fieldNodes: root.nodes,
        returnType: root.field.type,
        parentType: queryType,
        path: { prev: undefined, key, typename: queryType.name },
        schema: scope.schema,
        fragments: scope.fragments,
        rootValue: undefined,
        operation,
        variableValues: scope.variableValues,
      };
      answerInSql(info, root.kind === "article" ? root.selection : root.articles);
      const args = getArgumentValues(root.field, root.nodes[0]!, scope.variableValues);
      const value: unknown = await root.field.resolve!(undefined, args, context, info);
      if (root.kind === "article") {
        const article = value as Article | null;
        return recordKeys(context, article ? [article] : []) ? articleText(article) : null;
      }
      const connection = value as Connection<Article>;
      return recordKeys(context, connection.nodes) ? connectionText(connection, root.selection) : null;
    }),
  );
  const failed = new Map<FieldNode, unknown>();
  settled.forEach((outcome, i) => {
    const root = plan.roots[i]![1];
    if (outcome.status === "rejected" && root.kind !== "typename") failed.set(root.nodes[0]!, outcome.reason);
  });
  // Execution answers the request, and reports any error where it belongs.
  if (failed.size > 0) failures.set(context, failed);
  const texts = settled.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : null));
  if (texts.some((text) => text === null)) return null;
  return Object.fromEntries(plan.roots.map(([key], i) => [key, new JsonText(texts[i]!)]));
}

/**
 * On a read the response cache keeps, records the dependency keys the answers of `articles` show (written by the
 * same statement, ArticleAnswer.keys); false if one came without them (then execution answers, and records them).
 */
function recordKeys(context: Context, articles: readonly Article[]): boolean {
  const dependencies = context.dependencies;
  if (!dependencies?.cacheable) return true;
  const keys = articles.map(answerKeysOf);
  if (keys.some((of) => of.length === 0)) return false;
  for (const key of keys.flat()) dependencies.add(key);
  return true;
}

const articleText = (article: Article | null): string | null =>
  article === null ? "null" : (answerTextOf(article) ?? null);

/** `{"key":value,...}` of a selection, each value's text from `textOf` (null when any has none). */
function objectText(selection: Selection, textOf: (field: SelectedField) => string | null): string | null {
  const parts: string[] = [];
  for (const [key, field] of selection) {
    const text = textOf(field);
    if (text === null) return null;
    parts.push(`"${key}":${text}`);
  }
  return `{${parts.join(",")}}`;
}

function listText<T>(items: readonly T[], textOf: (item: T) => string | null): string | null {
  const parts: string[] = [];
  for (const item of items) {
    const text = textOf(item);
    if (text === null) return null;
    parts.push(text);
  }
  return `[${parts.join(",")}]`;
}

/** A connection as graphql-js answers it from its properties (ArticleConnection, ArticleEdge, PageInfo). */
function connectionText(connection: Connection<Article>, selection: Selection): string | null {
  return objectText(selection, (field) => {
    switch (field.name) {
      case "__typename":
        return '"ArticleConnection"';
      case "nodes":
        return listText(connection.nodes, (node) => answerTextOf(node) ?? null);
      case "edges":
        return listText(connection.edges, (edge) =>
          objectText(field.fields.get("ArticleEdge")!, (inner) => {
            if (inner.name === "__typename") return '"ArticleEdge"';
            if (inner.name === "cursor") return JSON.stringify(edge.cursor);
            return answerTextOf(edge.node) ?? null;
          }),
        );
      case "pageInfo":
        return objectText(field.fields.get("PageInfo")!, (inner) =>
          inner.name === "__typename"
            ? '"PageInfo"'
            : JSON.stringify(connection.pageInfo[inner.name as keyof Connection<Article>["pageInfo"]]),
        );
      default:
        return null;
    }
  });
}
