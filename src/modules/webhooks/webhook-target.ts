import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/** Addresses no webhook may reach unless WEBHOOK_ALLOW_PRIVATE_TARGETS (SSRF: the service's own network). */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network", 0.0.0.0
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv6");
}

/** Whether `address` (IPv4 or IPv6, IPv4-mapped included) is loopback, private, link-local or otherwise internal. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** A webhook URL that cannot be used, and why (the resolver turns it into BAD_USER_INPUT on `url`). */
export class TargetRefused extends Error {
  constructor(
    readonly rule: "url" | "resolvable" | "publicAddress",
    message: string,
  ) {
    super(message);
  }
}

export interface ResolvedTarget {
  url: URL;
  /** Every address the host resolved to (all allowed), in the resolver's order. */
  addresses: Array<{ address: string; family: number }>;
}

/**
 * Parses and resolves a webhook URL: http or https, no credentials, and every address its host resolves to (all of
 * them: a host with one public and one private address is refused) public unless `allowPrivate`. Checked when a
 * webhook is registered and again before each send, which then connects to exactly these addresses (DNS may change).
 */
export async function resolveTarget(raw: string, allowPrivate: boolean): Promise<ResolvedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused("url", "url must be an absolute http or https URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TargetRefused("url", "url must be an absolute http or https URL.");
  }
  if (url.username || url.password) throw new TargetRefused("url", "url must not carry credentials.");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new TargetRefused("resolvable", `url's host "${host}" does not resolve.`);
    }
  }
  if (addresses.length === 0) throw new TargetRefused("resolvable", `url's host "${host}" does not resolve.`);
  if (!allowPrivate && addresses.some(({ address }) => isPrivateAddress(address))) {
    throw new TargetRefused(
      "publicAddress",
      "url resolves to a loopback, private or link-local address, which webhooks may not reach.",
    );
  }
  return { url, addresses };
}
