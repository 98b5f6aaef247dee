import {
  type FieldNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  isAbstractType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * One field as a response will carry it: every node of the same response key merged, fragments followed, `@skip` and
 * `@include` applied, arguments coerced. `fields` is the sub-selection per concrete object type (one entry for an
 * object field, one per member for a union or interface, none for a leaf).
 */
export interface SelectedField {
  /** The schema field's name (the response key is the map key it sits under). */
  name: string;
  args: Record<string, unknown>;
  fields: Map<string, Selection>;
  /** The field's nodes in the document (all of them for its response key, at its path). */
  nodes: readonly FieldNode[];
}

/** The fields selected on one object type, by response key, in response order. */
export type Selection = Map<string, SelectedField>;

/**
 * What the resolver of `info`'s field will be asked for, as graphql-js will execute it, for a look-ahead (one statement
 * for a whole page). Throws nothing the executor would not: a value that fails coercion makes the caller fall back.
 */
export function selectionOf(info: GraphQLResolveInfo): Map<string, Selection> {
  const returnType = getNamedType(info.returnType);
  return subSelections(info, returnType, info.fieldNodes);
}

/** What a selection is read against: the schema, the document's fragments and the request's coerced variables. */
export type SelectionScope = Pick<GraphQLResolveInfo, "schema" | "fragments" | "variableValues">;

/** The root fields of an operation as graphql-js will execute them, on the operation's root type. */
export function operationSelection(scope: SelectionScope, type: GraphQLObjectType, operation: OperationDefinitionNode) {
  return collect(scope, type, [operation.selectionSet]);
}

function subSelections(
  info: SelectionScope,
  type: GraphQLNamedType,
  nodes: readonly FieldNode[],
): Map<string, Selection> {
  const byType = new Map<string, Selection>();
  const sets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  if (sets.length === 0) return byType;
  const objectTypes = isObjectType(type) ? [type] : isAbstractType(type) ? info.schema.getPossibleTypes(type) : [];
  for (const objectType of objectTypes) byType.set(objectType.name, collect(info, objectType, sets));
  return byType;
}

function collect(info: SelectionScope, type: GraphQLObjectType, sets: SelectionSetNode[]): Selection {
  const grouped = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (!included(info, selection)) continue;
      switch (selection.kind) {
        case Kind.FIELD: {
          const key = selection.alias?.value ?? selection.name.value;
          const group = grouped.get(key);
          if (group) group.push(selection);
          else grouped.set(key, [selection]);
          break;
        }
        case Kind.INLINE_FRAGMENT:
          if (!selection.typeCondition || applies(info, selection.typeCondition.name.value, type)) {
            walk(selection.selectionSet);
          }
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = info.fragments[name];
          if (visited.has(name) || !fragment || !applies(info, fragment.typeCondition.name.value, type)) break;
          visited.add(name);
          walk(fragment.selectionSet);
          break;
        }
      }
    }
  };
  for (const set of sets) walk(set);

  const selection: Selection = new Map();
  const fieldDefs = type.getFields();
  for (const [key, nodes] of grouped) {
    const name = nodes[0]!.name.value;
    const definition: GraphQLField<unknown, unknown> | undefined = fieldDefs[name];
    if (!definition) {
      selection.set(key, { name, args: {}, fields: new Map(), nodes }); // __typename
      continue;
    }
    selection.set(key, {
      name,
      args: getArgumentValues(definition, nodes[0]!, info.variableValues),
      fields: subSelections(info, getNamedType(definition.type), nodes),
      nodes,
    });
  }
  return selection;
}

function included(info: SelectionScope, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}

function applies(info: SelectionScope, condition: string, type: GraphQLObjectType): boolean {
  if (condition === type.name) return true;
  const conditionType = info.schema.getType(condition);
  return conditionType !== undefined && isAbstractType(conditionType) && info.schema.isSubType(conditionType, type);
}
