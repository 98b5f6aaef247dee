/**
 * autocannon (which ships no types), typed for what the benchmarks use, and one load run: `connections` keep
 * POSTing `bodies` round-robin for `durationS` seconds, optionally recording each 2xx answer's latency, GraphQL
 * errors and x-sql-statements header.
 */
import { queries } from "./query-file";

export interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  latency: { p99: number };
  throughput: { total: number };
}

interface AutocannonInstance {
  on(
    event: "response",
    listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void,
  ): void;
  stop(): void;
}

interface Autocannon {
  (opts: Record<string, unknown>, done: (err: Error | null, result: AutocannonResult) => void): AutocannonInstance;
  (opts: Record<string, unknown>): Promise<AutocannonResult>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const autocannon = require("autocannon") as Autocannon;

export interface RecordedRun {
  res: AutocannonResult;
  /** Latencies (ms) of the 2xx answers, in arrival order. */
  lat: Float64Array;
  non2xx: number;
  /** 2xx answers whose body has GraphQL errors. */
  gqlErrors: number;
  stmtSum: number;
  stmtN: number;
}

/** One bounded autocannon run (stopped 5 s after `durationS` if the server stops answering). */
export function autocannonRun(
  url: string,
  bodies: string[],
  connections: number,
  durationS: number,
  record: boolean,
): Promise<RecordedRun> {
  return new Promise((resolve, reject) => {
    let i = 0;
    let lat = new Float64Array(1 << 16);
    let n = 0;
    let non2xx = 0;
    let gqlErrors = 0;
    let stmtSum = 0;
    let stmtN = 0;
    const inst = autocannon(
      {
        url,
        method: "POST",
        headers: queries.headers,
        connections,
        pipelining: 1,
        timeout: 10,
        duration: durationS,
        requests: [
          {
            setupRequest: (req: { body?: string }) => {
              req.body = bodies[i++ % bodies.length];
              return req;
            },
            onResponse: record
              ? (status: number, body: string, _ctx: unknown, headers: Record<string, string>) => {
                  if (status >= 200 && status < 300 && body.includes('"errors"')) gqlErrors++;
                  const h = headers["x-sql-statements"] ?? headers["X-SQL-Statements"];
                  if (h !== undefined) {
                    stmtSum += Number(h);
                    stmtN++;
                  }
                }
              : undefined,
          },
        ],
      },
      (err, res) => {
        clearTimeout(watchdog);
        if (err) reject(err);
        else resolve({ res, lat: lat.subarray(0, n), non2xx, gqlErrors, stmtSum, stmtN });
      },
    );
    if (record) {
      inst.on("response", (_client, statusCode, _bytes, responseTime) => {
        if (statusCode < 200 || statusCode > 299) {
          non2xx++;
          return;
        }
        if (n === lat.length) {
          const bigger = new Float64Array(lat.length * 2);
          bigger.set(lat);
          lat = bigger;
        }
        lat[n++] = responseTime;
      });
    }
    // hard bound in case the server stops answering
    const watchdog = setTimeout(() => inst.stop(), (durationS + 5) * 1000);
  });
}
