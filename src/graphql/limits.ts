import type { ApolloServerPlugin } from "@apollo/server";
import {
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  visit,
} from "graphql";
import { type ComplexityEstimator, getComplexity } from "graphql-query-complexity";

import { ERROR_CODES, ErrorCode } from "../common/errors";
import { MAX_PAGE_SIZE } from "../common/pagination";

/** Rejects operations nested deeper than `max` fields (fragments followed, cycles cut). */
export function depthLimitRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (selectionSet: SelectionSetNode, seen: Set<string>): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          // Introspection (the sandbox's schema query is deep by nature) is bounded by the schema itself.
          if (selection.name.value.startsWith("__")) continue;
          deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(selection.selectionSet, seen) : 0));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
        } else {
          const fragment = fragments.get(selection.name.value);
          if (fragment && !seen.has(fragment.name.value)) {
            deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set([...seen, fragment.name.value])));
          }
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
        if (depth > max) {
          context.reportError(
            new GraphQLError(`The operation is ${depth} levels deep; at most ${max} are allowed.`, {
              nodes: [operation],
              extensions: { limit: "depth", value: depth, max },
            }),
          );
        }
      },
    };
  };
}

/** Rejects documents with more than `max` aliases (a cheap way to multiply work). */
export function aliasLimitRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(field) {
        if (field.alias) aliases += 1;
      },
      Document: {
        leave(document) {
          if (aliases > max) {
            context.reportError(
              new GraphQLError(`The document has ${aliases} aliases; at most ${max} are allowed.`, {
                nodes: [document],
                extensions: { limit: "aliases", value: aliases, max },
              }),
            );
          }
        },
      },
    };
  };
}

/**
 * A field's cost: 1 plus its children's, times the page size for anything taking `first` (connections, related
 * news). Other lists are either a connection's `edges`/`nodes` (already counted by its `first`) or short (tags). So `latestNews(first: 50) { nodes { latestNews(first: 50) ... } }`
 * costs what it would make the server do.
 */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  // An out-of-range `first` is the argument validation's to report (BAD_USER_INPUT naming it), not the cost's.
  if (typeof args.first === "number") {
    const first = Math.min(Math.max(args.first, 0), MAX_PAGE_SIZE);
    return 1 + first * Math.max(1, childComplexity);
  }
  return 1 + childComplexity;
};

/**
 * The variables a document's cost depends on: those given to a `first` argument or to `@skip`/`@include`. Anything
 * else (a slug, a cursor) cannot change the cost, so the cost of a document is cached per values of these only.
 */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(argument, _key, parent) {
      const owner = parent as { kind?: string; name?: { value: string } } | undefined;
      const counts =
        argument.name.value === "first" ||
        (owner?.kind === Kind.DIRECTIVE && (owner.name?.value === "skip" || owner.name?.value === "include"));
      if (!counts) return;
      visit(argument.value, {
        Variable(variable) {
          names.add(variable.name.value);
        },
      });
    },
  });
  return [...names];
}

/** The page-size-aware cost of an operation, cached per document and the variables that change it. */
export type CostMeter = (
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
) => number;

export function createCostMeter(schema: GraphQLSchema): CostMeter {
  // Apollo hands the same DocumentNode for the same query text (its document store), so this lives as long as it.
  const costs = new WeakMap<DocumentNode, { variables: string[]; byInput: Map<string, number> }>();
  const MAX_INPUTS_PER_DOCUMENT = 100;
  return (document, operationName, variables) => {
    let entry = costs.get(document);
    if (!entry) costs.set(document, (entry = { variables: costVariables(document), byInput: new Map() }));
    const input = JSON.stringify([operationName ?? null, ...entry.variables.map((name) => variables[name] ?? null)]);
    let cost = entry.byInput.get(input);
    if (cost === undefined) {
      cost = getComplexity({ schema, query: document, operationName, variables, estimators: [pageSizeEstimator] });
      if (entry.byInput.size < MAX_INPUTS_PER_DOCUMENT) entry.byInput.set(input, cost);
    }
    return cost;
  };
}

/** The QUERY_TOO_COMPLEX refusal of an operation costing `cost` (over HTTP, WebSocket and SSE alike). */
export function tooComplexError(cost: number, max: number): GraphQLError {
  return new GraphQLError(`The operation would cost ${cost}; at most ${max} is allowed. Ask for smaller pages.`, {
    extensions: {
      code: ErrorCode.QUERY_TOO_COMPLEX,
      cost,
      max,
      // Apollo answers an error raised before execution with this status (else 500).
      http: { status: ERROR_CODES.QUERY_TOO_COMPLEX.status },
    },
  });
}

/** Rejects operations whose page-size-aware cost exceeds `max`, before anything runs. */
export function costLimitPlugin(schema: GraphQLSchema, max: number): ApolloServerPlugin {
  const costOf = createCostMeter(schema);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = costOf(document, request.operationName ?? undefined, request.variables ?? {});
          } catch {
            return; // variables that do not fit the operation: execution reports them as BAD_USER_INPUT
          }
          if (cost > max) throw tooComplexError(cost, max);
        },
      };
    },
  };
}
