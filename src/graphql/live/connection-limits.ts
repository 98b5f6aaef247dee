import { GraphQLError } from "graphql";

import { ErrorCode } from "../../common/errors";
import type { SubscriptionLimits } from "../../config";
import type { Viewer } from "../../modules/auth/viewer";

/**
 * Live connections (WebSockets and event streams) held open at once, per API key and, for anonymous clients, per IP
 * address: `acquire` takes a slot (throws TOO_MANY_SUBSCRIPTIONS when none is left), the function it returns gives it
 * back. Per instance: a client spread over several instances gets the bound on each.
 */
export class ConnectionLimits {
  private readonly open = new Map<string, number>();

  constructor(private readonly limits: Pick<SubscriptionLimits, "connectionsPerKey" | "connectionsPerAddress">) {}

  acquire(viewer: Viewer, address: string | undefined): () => void {
    const keyed = viewer.keyName !== null;
    const holder = keyed ? `key:${viewer.keyName}` : `address:${address ?? "unknown"}`;
    const max = keyed ? this.limits.connectionsPerKey : this.limits.connectionsPerAddress;
    const count = this.open.get(holder) ?? 0;
    if (count >= max) {
      throw new GraphQLError(
        `At most ${max} live connections are allowed ${keyed ? "for one API key" : "for one address"}.`,
        { extensions: { code: ErrorCode.TOO_MANY_SUBSCRIPTIONS, max } },
      );
    }
    this.open.set(holder, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(holder) ?? 1) - 1;
      if (left > 0) this.open.set(holder, left);
      else this.open.delete(holder);
    };
  }

  /** Connections open now, in all. */
  get size(): number {
    let total = 0;
    for (const count of this.open.values()) total += count;
    return total;
  }
}

/** The TOO_MANY_SUBSCRIPTIONS refusal of one subscription past `max` on a connection. */
export const tooManySubscriptions = (max: number): GraphQLError =>
  new GraphQLError(`At most ${max} subscriptions are allowed at once on one connection.`, {
    extensions: { code: ErrorCode.TOO_MANY_SUBSCRIPTIONS, max },
  });
