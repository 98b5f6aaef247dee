import type { IncomingMessage, ServerResponse } from "node:http";

import type { Context } from "../graphql/context";
import { cacheControl, type CacheDurations, outcomeOf } from "./cache-policy";
import { compress, negotiateEncoding } from "./compression";
import { ifNoneMatchMatches, strongEtag } from "./etag";
import type { PublicationSchedule } from "./schedule";

export interface DeliveryOptions {
  durations: CacheDurations;
  /** Bodies of fewer bytes go uncompressed (`COMPRESSION_MIN_BYTES`): compressing them saves less than it costs. */
  compressionMinBytes: number;
  schedule: PublicationSchedule;
}

/**
 * How a GraphQL answer reaches the client over HTTP, once Apollo has made it: its Cache-Control, its ETag (and 304
 * Not Modified), its compression. Everything here works from what is in memory; a read request costs no statement.
 */
export class Delivery {
  constructor(private readonly options: DeliveryOptions) {}

  /**
   * After an editorial write has committed (a mutation with a field that answered), the publication schedule is read
   * again before the mutation answers, so no read answered after it is kept fresh past a publication it scheduled. A
   * mutation that failed wrote nothing, and does not wait on a database that may be the reason it failed.
   */
  async afterExecution(context: Context): Promise<void> {
    if (outcomeOf(context)?.wroteSomething) await this.options.schedule.refresh();
  }

  /**
   * Sets Cache-Control for Apollo's answer (its status already set on `res`); true when caches may share it. A
   * streamed (incremental) answer is never shared: the plugin notes only complete ones.
   */
  setCacheControl(req: IncomingMessage, res: ServerResponse, context: Context): boolean {
    const shareable =
      res.statusCode === 200 && req.headers.authorization === undefined && outcomeOf(context)?.cacheableRead === true;
    res.setHeader("cache-control", this.cacheControl(shareable));
    return shareable;
  }

  /**
   * The Cache-Control of an answer as of now: the schedule's bound shrinks as time passes, so an answer served again
   * later (from a response cache) needs this anew rather than the header it was first sent with.
   */
  cacheControl(shareable: boolean): string {
    return cacheControl(shareable, this.options.durations, this.options.schedule.secondsUntilNext());
  }

  /**
   * Writes a complete body as the representation the client accepts. A 200 to a GET gets a strong ETag, and a GET whose
   * If-None-Match names it gets 304 with no body (nothing is compressed then). A POST's answer gets none: no cache
   * keeps it, and no client revalidates it, so hashing it would be work for nobody. With `lastModified` (a feed's
   * newest change) it also sends Last-Modified, and answers 304 to an If-Modified-Since not older than it when the
   * request has no If-None-Match (which takes precedence, RFC 9110 §13.1.3).
   */
  send(req: IncomingMessage, res: ServerResponse, text: string, lastModified?: Date | null): void {
    const body = Buffer.from(text, "utf8");
    const compressible = body.length >= this.options.compressionMinBytes;
    const encoding = compressible ? negotiateEncoding(req.headers["accept-encoding"]) : "identity";
    // Always: the same request may get a compressed answer once its body has grown past the threshold.
    addVary(res, "Accept-Encoding");
    const isGet = req.method === "GET" || req.method === "HEAD";
    if (res.statusCode === 200 && isGet) {
      const etag = strongEtag(body, encoding);
      res.setHeader("etag", etag);
      if (lastModified) res.setHeader("last-modified", httpDate(lastModified));
      const ifNoneMatch = req.headers["if-none-match"];
      const notModified =
        ifNoneMatch !== undefined
          ? ifNoneMatchMatches(ifNoneMatch, etag)
          : notModifiedSince(req.headers["if-modified-since"], lastModified);
      if (notModified) {
        res.statusCode = 304;
        res.removeHeader("content-type");
        res.end();
        return;
      }
    }
    const payload = encoding === "identity" ? body : compress(body, encoding);
    if (encoding !== "identity") res.setHeader("content-encoding", encoding);
    res.setHeader("content-length", payload.length);
    res.end(payload);
  }
}

/** An HTTP date (RFC 9110 §5.6.7): whole seconds, GMT. */
const httpDate = (date: Date): string => new Date(Math.floor(date.getTime() / 1000) * 1000).toUTCString();

/** Whether a representation last modified at `lastModified` is unchanged since the `If-Modified-Since` date. */
function notModifiedSince(ifModifiedSince: string | undefined, lastModified: Date | null | undefined): boolean {
  if (!ifModifiedSince || !lastModified) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

/** Adds a token to the Vary header, keeping whatever is there. */
function addVary(res: ServerResponse, token: string): void {
  const current = res.getHeader("vary");
  const tokens =
    current === undefined
      ? []
      : String(current)
          .split(/\s*,\s*/)
          .filter(Boolean);
  if (!tokens.some((existing) => existing.toLowerCase() === token.toLowerCase())) tokens.push(token);
  res.setHeader("vary", tokens.join(", "));
}
