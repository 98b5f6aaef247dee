import {
  type ASTNode,
  type GraphQLResolveInfo,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from "graphql";

import { SqlParams } from "../../database/read-statements";
import type { Context } from "../../graphql/context";
import { type Selection, selectionOf } from "../../graphql/selection";
import type { Article } from "../articles/article.entity";
import type { Viewer } from "../auth/viewer";
import { ArticleAnswer } from "./article.answer";
import { ArticleProjection, connectionNodes } from "./article.projection";

/** The JSON expression of an article row `a` for one root field's selection, and how to read it back. */
export interface CompiledRow {
  sql: string;
  /** Parameter values the expressions refer to as `$1`... (the root's own conditions are numbered after them). */
  values: readonly unknown[];
  hydrate(json: unknown[]): Article;
  /**
   * When the root field is answered in SQL (src/modules/news-feed/sql-answers.ts): the JSON of the article as the
   * response carries it ({@link ArticleAnswer}); `sql` then reads only what the code still needs (its key, cursor).
   */
  answerSql?: string;
  /** With `answerSql`, on a read the response cache keeps: the dependency keys each answer shows (ArticleAnswer.keys). */
  keysSql?: string;
}

/** What a root resolver knows of its query ahead of execution: its rows' projection, and where to count. */
export interface LookAhead {
  row: CompiledRow;
  statements: Context["statements"];
}

/**
 * A root resolver's look-ahead, computed only if the service takes the one-statement path; null when the selection
 * cannot be read ahead (an argument below that fails coercion: execution reports it where it belongs).
 */
export type LookAheadOf = () => LookAhead | null;

/** The look-ahead of a root field returning an Article. */
export function articleLookAhead(info: GraphQLResolveInfo, context: Context): LookAheadOf {
  return () => lookAhead(info, context, (selections) => selections.get("Article"));
}

/**
 * Root fields asked to answer in SQL, with the article selection their answer is written for: the info objects
 * src/modules/news-feed/sql-answers.ts makes when it runs a root resolver.
 */
const answersInSql = new WeakMap<GraphQLResolveInfo, Selection>();

/** Makes the look-ahead of the root field of `info` compile each article's answer for `selection` (ArticleAnswer). */
export function answerInSql(info: GraphQLResolveInfo, selection: Selection): void {
  answersInSql.set(info, selection);
}

/** The look-ahead of a root field returning an ArticleConnection: what its nodes and edges select. */
export function connectionLookAhead(info: GraphQLResolveInfo, context: Context): LookAheadOf {
  return () =>
    lookAhead(info, context, (selections) => {
      const connection = selections.get("ArticleConnection");
      return connectionNodes(connection ? [connection] : []);
    });
}

/**
 * Compiled projections per operation of a parsed document and root response key. Apollo keeps one parsed document
 * per query text, so a page asked for again reuses its projection: what is cached is SQL text and code, never data.
 * Keyed further by everything that can change the projection between requests: the viewer's kind, and the values of
 * the variables the operation uses anywhere but in its root fields' own arguments (those are bound per request).
 */
const compiled = new WeakMap<OperationDefinitionNode, { variables: string[]; byInput: Map<string, CompiledRow> }>();
const MAX_INPUTS_PER_OPERATION = 100;

function lookAhead(
  info: GraphQLResolveInfo,
  context: Context,
  articlesOf: (selections: Map<string, Selection>) => Selection | Selection[] | undefined,
): LookAhead | null {
  let entry = compiled.get(info.operation);
  if (!entry) {
    entry = { variables: variablesBelowRoot(info.operation, info.fragments), byInput: new Map() };
    compiled.set(info.operation, entry);
  }
  const answerSelection = answersInSql.get(info);
  const recordsKeys = answerSelection !== undefined && context.dependencies?.cacheable === true;
  const input = JSON.stringify([
    context.viewer.isEditor,
    info.path.key,
    answerSelection !== undefined,
    recordsKeys,
    // Given as null and not given at all are different inputs (a default applies only to the second).
    ...entry.variables.map((name) => (Object.hasOwn(info.variableValues, name) ? [info.variableValues[name]] : 0)),
  ]);
  let row = entry.byInput.get(input);
  if (!row) {
    let found;
    try {
      found = articlesOf(selectionOf(info));
    } catch {
      return null;
    }
    row = answerSelection
      ? compileAnswer(context.viewer, answerSelection, recordsKeys)
      : compile(context.viewer, found === undefined ? [] : Array.isArray(found) ? found : [found]);
    if (entry.byInput.size < MAX_INPUTS_PER_OPERATION) entry.byInput.set(input, row);
  }
  return { row, statements: context.statements };
}

function compile(viewer: Viewer, selections: Selection[]): CompiledRow {
  const projection = new ArticleProjection(viewer, new SqlParams());
  const { sql, hydrate } = projection.article("a", selections);
  return { sql, hydrate, values: projection.params.values };
}

/**
 * The answer of each article in SQL, beside the columns every article carries (nothing else is hydrated), and the
 * dependency keys it shows when `withKeys`.
 */
function compileAnswer(viewer: Viewer, selection: Selection, withKeys: boolean): CompiledRow {
  const projection = new ArticleProjection(viewer, new SqlParams());
  const { sql, hydrate } = projection.article("a", []);
  const answer = new ArticleAnswer(projection);
  const answerSql = answer.article("a", selection) ?? undefined;
  const keysSql = answerSql !== undefined && withKeys ? answer.keys("a", selection) : undefined;
  return { sql, hydrate, values: projection.params.values, answerSql, keysSql };
}

/**
 * Names of the variables an operation uses in any directive, or in an argument of a field below the root (with the
 * fragments it spreads): everything that can change which fields are selected, or with which arguments, below a root
 * field. A variable that only feeds a root field's own argument (the article's slug) is not among them.
 */
export function variablesBelowRoot(
  operation: OperationDefinitionNode,
  fragments: GraphQLResolveInfo["fragments"],
): string[] {
  const names = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  const walk = (set: SelectionSetNode, depth: number, seen: Set<string>) => {
    for (const selection of set.selections) {
      for (const directive of selection.directives ?? []) collect(directive);
      if (selection.kind === Kind.FIELD) {
        if (depth > 0) for (const argument of selection.arguments ?? []) collect(argument);
        if (selection.selectionSet) walk(selection.selectionSet, depth + 1, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, depth, seen);
      } else if (!seen.has(selection.name.value)) {
        const fragment = fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet, depth, new Set([...seen, selection.name.value]));
      }
    }
  };
  walk(operation.selectionSet, 0, new Set());
  return [...names];
}
