import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode, visit } from "graphql";

import { SqlParams } from "../../database/read-statements";
import type { Context } from "../../graphql/context";
import { type Selection, selectionOf } from "../../graphql/selection";
import type { Article } from "../articles/article.entity";
import type { Viewer } from "../auth/viewer";
import { ArticleProjection, connectionNodes } from "./article.projection";

/** The JSON expression of an article row `a` for one root field's selection, and how to read it back. */
export interface CompiledRow {
  sql: string;
  /** Parameter values the expression refers to as `$1`... (the root's own conditions are numbered after them). */
  values: readonly unknown[];
  hydrate(json: unknown[]): Article;
}

/** What a root resolver knows of its query ahead of execution: its rows' projection, and where to count. */
export interface LookAhead {
  row: CompiledRow;
  statements: Context["statements"];
}

/** The look-ahead of a root field returning an Article. */
export function articleLookAhead(info: GraphQLResolveInfo, context: Context): LookAhead {
  return lookAhead(info, context, (selections) => selections.get("Article"));
}

/** The look-ahead of a root field returning an ArticleConnection: what its nodes and edges select. */
export function connectionLookAhead(info: GraphQLResolveInfo, context: Context): LookAhead {
  return lookAhead(info, context, (selections) => {
    const connection = selections.get("ArticleConnection");
    return connectionNodes(connection ? [connection] : []);
  });
}

/**
 * Compiled projections per field node of a parsed document. Apollo keeps one parsed document per query text, so a
 * page asked for again reuses its projection: what is cached is SQL text and code, never data. Keyed further by what
 * can change the projection from one request to the next: the viewer's kind and the variables used below the field.
 */
const compiled = new WeakMap<FieldNode, { variables: string[]; byInput: Map<string, CompiledRow> }>();
const MAX_INPUTS_PER_FIELD = 50;

function lookAhead(
  info: GraphQLResolveInfo,
  context: Context,
  articlesOf: (selections: Map<string, Selection>) => Selection | Selection[] | undefined,
): LookAhead {
  const node = info.fieldNodes[0]!;
  let entry = compiled.get(node);
  if (!entry) compiled.set(node, (entry = { variables: variablesBelow(info), byInput: new Map() }));
  const input = JSON.stringify([
    context.viewer.isEditor,
    ...entry.variables.map((name) => info.variableValues[name] ?? null),
  ]);
  let row = entry.byInput.get(input);
  if (!row) {
    const found = articlesOf(selectionOf(info));
    row = compile(context.viewer, found === undefined ? [] : Array.isArray(found) ? found : [found]);
    if (entry.byInput.size < MAX_INPUTS_PER_FIELD) entry.byInput.set(input, row);
  }
  return { row, statements: context.statements };
}

function compile(viewer: Viewer, selections: Selection[]): CompiledRow {
  const projection = new ArticleProjection(viewer, new SqlParams());
  const { sql, hydrate } = projection.article("a", selections);
  return { sql, hydrate, values: projection.params.values };
}

/** Names of the variables the field's selection (with the fragments it spreads) refers to. */
function variablesBelow(info: GraphQLResolveInfo): string[] {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    if (!set) return;
    visit(set, {
      Variable(variable) {
        names.add(variable.name.value);
      },
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (seen.has(name)) return;
        seen.add(name);
        walk(info.fragments[name]?.selectionSet);
      },
    });
  };
  for (const node of info.fieldNodes) {
    if (node.kind === Kind.FIELD) walk(node.selectionSet);
  }
  return [...names];
}
