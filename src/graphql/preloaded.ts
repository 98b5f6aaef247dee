import type { GraphQLResolveInfo } from "graphql";

/**
 * Values a look-ahead statement already fetched for a field of an entity, by the field's response key: the field
 * resolver takes them instead of asking its loader. A key never preloaded (an unusual shape) resolves as usual.
 */
const PRELOADED = Symbol("preloaded");

interface Preloadable {
  [PRELOADED]?: Record<string, unknown>;
}

export function preload(entity: object, responseKey: string, value: unknown): void {
  const target = entity as Preloadable;
  (target[PRELOADED] ??= Object.create(null) as Record<string, unknown>)[responseKey] = value;
}

/** What was preloaded for the field `info` resolves, or undefined. */
export function preloaded<T>(entity: object, info: GraphQLResolveInfo): T | undefined {
  return (entity as Preloadable)[PRELOADED]?.[info.path.key as string] as T | undefined;
}
