import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from "graphql";

/**
 * Answers a look-ahead statement already fetched for a field of an entity, by the field's response key: the field
 * answers with them and its resolver does not run. A key never preloaded (an unusual shape) resolves as usual.
 */
const PRELOADED = Symbol("preloaded");

interface Preloadable {
  [PRELOADED]?: Record<string, unknown>;
}

export function preload(entity: object, responseKey: string, value: unknown): void {
  const target = entity as Preloadable;
  (target[PRELOADED] ??= Object.create(null) as Record<string, unknown>)[responseKey] = value;
}

/** The values preloaded on an entity (for the response cache's dependencies). */
export function preloadedValues(entity: object): unknown[] {
  const preloaded = (entity as Preloadable)[PRELOADED];
  return preloaded ? Object.values(preloaded) : [];
}

/**
 * Makes the named fields of `typeName` answer with their preloaded value when there is one, before their resolver
 * (and type-graphql's wrapper around it) runs. The one place a preload becomes an answer.
 */
export function answerPreloadedFirst(schema: GraphQLSchema, typeName: string, fieldNames: readonly string[]): void {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const fields = type.getFields();
  for (const name of fieldNames) {
    const field = fields[name];
    const resolve = field?.resolve;
    if (!field || !resolve) throw new Error(`${typeName}.${name} has no resolver to answer before`);
    field.resolve = ((source: object, args, context, info) => {
      const value = (source as Preloadable)[PRELOADED]?.[info.path.key as string];
      return value !== undefined ? value : resolve(source, args, context, info);
    }) as GraphQLFieldResolver<unknown, unknown>;
  }
}
