import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * Structured JSON logs, one object per line. Byline logs only fields it chooses (never headers or variables); the
 * redaction below is a second line of defence for anything secret-looking that slips into a logged object.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "byline" },
      timestamp: isoTime,
      redact: {
        paths: ["authorization", "*.authorization", "token", "*.token", "key", "*.key", "password", "*.password"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

/** How long the process's log may take to write out its last lines at exit (a stdout nobody reads must not hang it). */
const END_WAIT_MS = 2_000;

/**
 * The process's own log, on stdout, written asynchronously, and `end`: resolves once every line logged before it is
 * written, in order (or after END_WAIT_MS). Exiting while a write is under way would not do: pino's exit handler then
 * writes the later lines first and the earlier ones after them (the main-process test once saw a request's line after
 * "stopped").
 */
export function createProcessLogger(level: string): { logger: Logger; end(): Promise<void> } {
  const destination = pino.destination({ dest: 1, sync: false });
  return {
    logger: createLogger(level, destination),
    end: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, END_WAIT_MS);
        destination.once("close", () => {
          clearTimeout(timer);
          resolve();
        });
        destination.end();
      }),
  };
}

/**
 * pino's `time` as an ISO 8601 string, like pino.stdTimeFunctions.isoTime but formatting the date only once per
 * second (a Date and its toISOString per line were 2% of a request's CPU).
 */
let second = -1;
let prefix = "";
export function isoTime(): string {
  const now = Date.now();
  const current = Math.floor(now / 1000);
  if (current !== second) {
    second = current;
    prefix = new Date(current * 1000).toISOString().slice(0, 20); // "2026-12-01T21:27:05."
  }
  return `,"time":"${prefix}${String(now % 1000).padStart(3, "0")}Z"`;
}
