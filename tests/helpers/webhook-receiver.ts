import { createHmac } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the receiver got, its signature checked against the secret it was given. */
export interface Received {
  id: string;
  timestamp: number;
  verified: boolean;
  body: {
    type: string;
    timestamp: string;
    data: { eventId: string; articleId: string; sequence: number } & Record<string, unknown>;
  };
}

/**
 * A webhook target on 127.0.0.1 that verifies Standard Webhooks signatures. `respond` decides each answer: a status,
 * or "hold" to keep the request open (until `release()`).
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  secret = "";
  respond: (request: Received) => number | "hold" = () => 204;
  private readonly server = http.createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => {
      const id = String(req.headers["webhook-id"]);
      const timestamp = Number(req.headers["webhook-timestamp"]);
      const key = Buffer.from(this.secret.replace(/^whsec_/, ""), "base64");
      const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${text}`).digest("base64");
      const signatures = String(req.headers["webhook-signature"] ?? "").split(" ");
      const request: Received = {
        id,
        timestamp,
        verified: signatures.includes(`v1,${expected}`),
        body: JSON.parse(text) as Received["body"],
      };
      this.received.push(request);
      const answer = this.respond(request);
      if (answer === "hold") this.held.push(res);
      else res.writeHead(answer, { "content-type": "text/plain" }).end(`answer ${answer}`);
    });
  });
  private readonly held: http.ServerResponse[] = [];

  async listen(port = 0): Promise<string> {
    this.server.listen(port, "127.0.0.1");
    await once(this.server, "listening");
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Whether a request is held open now. */
  holding(): boolean {
    return this.held.length > 0;
  }

  release(): void {
    for (const res of this.held.splice(0)) res.destroy();
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, "close").catch(() => undefined);
  }
}
