import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";

import type { ResolvedTarget } from "./webhook-target";

/** How much of an answer's body is kept (and read: the rest is dropped unread). */
export const RESPONSE_BODY_LIMIT = 1024;

export type SendOutcome = { status: number; body: string } | { error: string };

/**
 * POSTs `body` to a resolved target, connecting only to the addresses checked (a DNS answer that changed since cannot
 * send it elsewhere), following no redirect (a 3xx is an answer like any other, and not a success), within
 * `timeoutMs` for the whole exchange.
 */
export function send(
  target: ResolvedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SendOutcome> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (error: null, addresses: ResolvedTarget["addresses"]) => void)(null, target.addresses);
    } else {
      callback(null, target.addresses[0]!.address, target.addresses[0]!.family);
    }
  };
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = client.request(
      target.url,
      {
        method: "POST",
        lookup: pinned,
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "Byline-Webhooks/1",
          ...headers,
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (text.length < RESPONSE_BODY_LIMIT) text += chunk;
          else response.destroy();
        });
        const finish = () => done({ status: response.statusCode ?? 0, body: text.slice(0, RESPONSE_BODY_LIMIT) });
        response.on("end", finish);
        response.on("close", finish);
        response.on("error", finish);
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      done({ error: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    request.on("error", (error) => done({ error: error.message }));
    request.end(body);
  });
}
