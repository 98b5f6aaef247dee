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
 * What is compiled once per operation of a parsed document, keyed further by everything that can change it between
 * requests: `parts` (the viewer's kind, a root's response key ...) and the values of the variables the operation uses
 * anywhere but in its root fields' own arguments (those are bound per request). Apollo keeps one parsed document per
 * query text, so a page asked for again reuses it: what is kept is SQL text and code, never data. At most
 * MAX_INPUTS_PER_OPERATION inputs are kept per operation; others are compiled each time.
 */
export class PerOperation<T> {
  private readonly entries = new WeakMap<OperationDefinitionNode, { variables: string[]; byInput: Map<string, T> }>();

  get(
    operation: OperationDefinitionNode,
    fragments: GraphQLResolveInfo["fragments"],
    variableValues: GraphQLResolveInfo["variableValues"],
    parts: unknown[],
    compile: () => T,
  ): T {
    let entry = this.entries.get(operation);
    if (!entry) {
      entry = { variables: variablesBelowRoot(operation, fragments), byInput: new Map() };
      this.entries.set(operation, entry);
    }
    const input = JSON.stringify([
      ...parts,
      // Given as null and not given at all are different inputs (a default applies only to the second).
      ...entry.variables.map((name) => (Object.hasOwn(variableValues, name) ? [variableValues[name]] : 0)),
    ]);
    if (entry.byInput.has(input)) return entry.byInput.get(input)!;
    const value = compile();
    if (entry.byInput.size < MAX_INPUTS_PER_OPERATION) entry.byInput.set(input, value);
    return value;
  }
}
const MAX_INPUTS_PER_OPERATION = 100;

/** Compiled projections per operation and root response key (null: the selection cannot be read ahead). */
const compiled = new PerOperation<CompiledRow | null>();

function lookAhead(
  info: GraphQLResolveInfo,
  context: Context,
  articlesOf: (selections: Map<string, Selection>) => Selection | Selection[] | undefined,
): LookAhead | null {
  const answerSelection = answersInSql.get(info);
  const recordsKeys = answerSelection !== undefined && context.dependencies?.cacheable === true;
  const parts = [context.viewer.isEditor, info.path.key, answerSelection !== undefined, recordsKeys];
  const row = compiled.get(info.operation, info.fragments, info.variableValues, parts, () => {
    // Answered in SQL, the selection was read (and its arguments coerced) by the plan that asked for it.
    if (answerSelection) return compileAnswer(context.viewer, answerSelection, recordsKeys);
    let found;
    try {
      found = articlesOf(selectionOf(info));
    } catch {
      return null;
    }
    return compile(context.viewer, found === undefined ? [] : Array.isArray(found) ? found : [found]);
  });
  return row && { row, statements: context.statements };
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
