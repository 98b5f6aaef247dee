import { createHmac, randomBytes } from "node:crypto";

/** The Standard Webhooks secret prefix; the rest is the key bytes, base64. */
const PREFIX = "whsec_";

/** A new signing secret: `whsec_` and 32 random bytes, base64 (Standard Webhooks). */
export const newWebhookSecret = (): string => PREFIX + randomBytes(32).toString("base64");

/**
 * The Standard Webhooks headers of one message: `webhook-id`, `webhook-timestamp` (Unix seconds) and
 * `webhook-signature`, `v1,` and the base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` keyed with the secret's bytes.
 */
export function signatureHeaders(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": `v1,${signature}`,
  };
}
