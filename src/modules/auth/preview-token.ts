import { createHmac, timingSafeEqual } from "node:crypto";

import { BadUserInputError } from "../../common/errors";
import { isUuid } from "../../common/pagination";

/** How long a preview token works unless the editor says otherwise, in minutes. */
export const DEFAULT_PREVIEW_MINUTES = 60;
/** The longest a preview token may work: a week, in minutes. */
export const MAX_PREVIEW_MINUTES = 7 * 24 * 60;

/** A token with the moment it stops working. */
export interface PreviewGrant {
  token: string;
  expiresAt: Date;
}

/**
 * Signed, short-lived permission to read one article whatever its status: `<payload>.<signature>`, both base64url,
 * payload `{"a": articleId, "exp": unix seconds}`, HMAC-SHA256 with the server's preview secret.
 */
export class PreviewTokens {
  constructor(private readonly secret: string) {}

  /** A token for `articleId` that works for `minutes` from `now`. */
  issue(articleId: string, minutes: number, now = new Date()): PreviewGrant {
    const expiresAt = new Date(now.getTime() + minutes * 60_000);
    return { token: this.sign(articleId, expiresAt), expiresAt };
  }

  sign(articleId: string, expiresAt: Date): string {
    const payload = Buffer.from(JSON.stringify({ a: articleId, exp: Math.floor(expiresAt.getTime() / 1000) })).toString(
      "base64url",
    );
    return `${payload}.${this.signature(payload)}`;
  }

  /** The article id a token grants, or a BAD_USER_INPUT naming `token` (bad signature, malformed, expired). */
  verify(token: string, now = new Date()): string {
    const [payload, signature, ...rest] = token.split(".");
    const invalid = (rule: string, message: string) => BadUserInputError.of("token", rule, message);
    if (!payload || !signature || rest.length > 0 || token.length > 500) {
      throw invalid("format", 'Argument "token" is not a preview token.');
    }
    const expected = Buffer.from(this.signature(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw invalid("signature", 'Argument "token" has an invalid signature.');
    }
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { a?: unknown; exp?: unknown };
    if (typeof claims.a !== "string" || !isUuid(claims.a) || typeof claims.exp !== "number") {
      throw invalid("format", 'Argument "token" is not a preview token.');
    }
    if (claims.exp * 1000 <= now.getTime()) throw invalid("expired", 'Argument "token" has expired.');
    return claims.a;
  }

  private signature(payload: string): string {
    return createHmac("sha256", this.secret).update(payload).digest("base64url");
  }
}
