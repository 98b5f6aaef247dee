import type { ApolloServerPlugin } from "@apollo/server";
import { BREAK, type DocumentNode, Kind, type OperationDefinitionNode, visit } from "graphql";

import type { Context } from "../graphql/context";
import type { RequestRecord } from "../observability/request-log";

/** How long anonymous reads of published content stay fresh in caches (config: `CACHE_*`). */
export interface CacheDurations {
  /** `max-age`, in seconds (`CACHE_MAX_AGE_S`). */
  maxAgeS: number;
  /** `stale-while-revalidate`, in seconds (`CACHE_STALE_WHILE_REVALIDATE_S`). */
  staleWhileRevalidateS: number;
}

/** What no cache may keep: editors' requests, previews, mutations, errors, and whatever is not a plain read. */
export const NO_STORE = "private, no-store";

/**
 * Root fields whose answer no shared cache may keep, whoever asks: a preview shows an article in any state to the
 * holder of a token (schema.graphql's `articlePreview(token:)`); a delta sync's answer is "everything since this
 * token", which every later write extends (`feedChanges`).
 */
const PRIVATE_FIELDS: ReadonlySet<string> = new Set(["articlePreview", "feedChanges"]);

/** What an operation is, for caches: a plain read of published content, or anything else. */
type OperationKind = "read" | "private";

/** Decided once per operation of a parsed document (Apollo keeps parsed documents, APQ's included). */
const kinds = new WeakMap<OperationDefinitionNode, OperationKind>();

/** A read unless it is a mutation or subscription, or names a private field anywhere (its fragments included). */
function operationKind(document: DocumentNode, operation: OperationDefinitionNode): OperationKind {
  const known = kinds.get(operation);
  if (known) return known;
  let kind: OperationKind = operation.operation === "query" ? "read" : "private";
  if (kind === "read") {
    // Validation leaves no unused fragment, so every fragment of the document is part of the operation or another.
    visit(document, {
      [Kind.FIELD]: (field) => {
        if (!PRIVATE_FIELDS.has(field.name.value)) return undefined;
        kind = "private";
        return BREAK;
      },
    });
  }
  kinds.set(operation, kind);
  return kind;
}

/** What Apollo answered, for the headers: whether it may be shared (a read that went through without errors). */
interface Outcome {
  cacheableRead: boolean;
  /** A mutation of which at least one field committed (a failed one wrote nothing). */
  wroteSomething: boolean;
}

/**
 * Whether any root field answered: each mutation field commits in a transaction of its own, and one that failed
 * answers null, having written nothing.
 */
const answeredAny = (data: Record<string, unknown> | null | undefined): boolean =>
  data != null && Object.values(data).some((value) => value !== null);

/** Keyed by the request's record: Apollo's context and the HTTP endpoint share that object. */
const outcomes = new WeakMap<RequestRecord, Outcome>();

/**
 * Notes for each request whether its answer is a shareable read (see `outcomeOf`). Decides per parsed operation, not
 * per field: Apollo's field-wrapping cache-control plugin stays disabled.
 */
export function cachePolicyPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, document, operation, response }) {
          if (!document || !operation || response.body.kind !== "single") return;
          const errors = response.body.singleResult.errors?.length ?? 0;
          outcomes.set(contextValue.request, {
            cacheableRead: errors === 0 && operationKind(document, operation) === "read",
            wroteSomething: operation.operation === "mutation" && answeredAny(response.body.singleResult.data),
          });
        },
      };
    },
  };
}

/** What `cachePolicyPlugin` noted for a request; absent when Apollo answered before an operation was resolved. */
export function outcomeOf(context: Context): Outcome | undefined {
  return outcomes.get(context.request);
}

/**
 * The `Cache-Control` of a GraphQL answer. Public only for an anonymous (no Authorization), successful (200) read of
 * published content; and no cache may keep it fresh, nor serve it stale, past the next scheduled publication, which
 * may change it: both windows end by then (`max-age=0` when it is due).
 */
export function cacheControl(
  shareable: boolean,
  durations: CacheDurations,
  secondsUntilPublication: number | null,
): string {
  if (!shareable) return NO_STORE;
  const bound = secondsUntilPublication ?? Number.POSITIVE_INFINITY;
  const maxAge = Math.min(durations.maxAgeS, bound);
  const stale = Math.min(durations.staleWhileRevalidateS, bound - maxAge);
  if (maxAge === 0) return "public, max-age=0, must-revalidate";
  return stale > 0 ? `public, max-age=${maxAge}, stale-while-revalidate=${stale}` : `public, max-age=${maxAge}`;
}
