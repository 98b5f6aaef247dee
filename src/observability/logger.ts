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
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ["authorization", "*.authorization", "token", "*.token", "key", "*.key", "password", "*.password"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
