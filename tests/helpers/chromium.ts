import { existsSync } from "node:fs";

/** Debian's Chromium, or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless, offline, nothing in the background: what the browser tests launch Chromium with. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * `describe` when Chromium can run here, else `describe.skip` with a message naming the test. In CI the browser tests
 * must run: a missing Chromium fails them there instead of skipping.
 */
export function describeWithChromium(what: string): jest.Describe {
  if (existsSync(CHROMIUM) || Boolean(process.env.CI)) return describe;
  console.warn(`Skipping ${what}: no Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
  return describe.skip;
}

/** Whether a URL stays on this machine (the browser tests let no request leave it). */
export const isLocal = (url: string): boolean => {
  const { protocol, hostname } = new URL(url);
  return protocol === "data:" || protocol === "blob:" || hostname === "127.0.0.1" || hostname === "localhost";
};
