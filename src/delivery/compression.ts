import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** A content coding Byline sends; `identity` is the body as it is. */
export type Encoding = "br" | "gzip" | "identity";

/** The codings Byline compresses with, best first: at equal q-values a client gets the first it accepts. */
const COMPRESSED_ENCODINGS = ["br", "gzip"] as const;

/**
 * Brotli at quality 4 compresses a JSON answer about as small as gzip's default level in a fraction of brotli's
 * default (11) time; dynamic responses are compressed on every request.
 */
const DYNAMIC_BROTLI_QUALITY = 4;

/** What each coding adds to its representation's ETag, so that a cache never takes one coding for another. */
export const ETAG_SUFFIXES: Record<Encoding, string> = { br: "-br", gzip: "-gz", identity: "" };

/** The q-value of each coding an `Accept-Encoding` header names (lower-cased; `*` for the rest). */
function parseAcceptEncoding(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.split(";").map((piece) => piece.trim());
    if (name === "") continue;
    let q = 1;
    for (const param of params) {
      const match = /^q\s*=\s*([0-9.]+)$/i.exec(param);
      if (match) q = Math.min(1, Math.max(0, Number(match[1]) || 0));
    }
    weights.set(name.toLowerCase(), q);
  }
  return weights;
}

/**
 * The coding to answer with, negotiated from `Accept-Encoding` (RFC 9110 §12.5.3): the accepted compressed coding with
 * the highest q-value (brotli before gzip at a tie), `*` standing for codings not named, q=0 meaning "not this".
 * Without the header, or when nothing compressed is accepted, the body goes as it is.
 */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return "identity";
  const weights = parseAcceptEncoding(acceptEncoding);
  const wildcard = weights.get("*") ?? 0;
  let best: Encoding = "identity";
  let bestQ = 0;
  for (const encoding of COMPRESSED_ENCODINGS) {
    const q = weights.get(encoding) ?? (encoding === "gzip" ? weights.get("x-gzip") : undefined) ?? wildcard;
    if (q > bestQ) {
      best = encoding;
      bestQ = q;
    }
  }
  return best;
}

/** Compresses a dynamic response body with `encoding` (cheap settings: it runs on every request). */
export function compress(body: Buffer, encoding: Exclude<Encoding, "identity">): Buffer {
  if (encoding === "br") {
    return brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: DYNAMIC_BROTLI_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
  }
  return gzipSync(body);
}
