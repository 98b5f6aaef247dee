import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

import type { ErrorCode } from "../common/errors";
import type { StatementTally } from "../database/statement-counter";
import type { Logger } from "./logger";
import type { Metrics } from "./metrics";

/** What one request carries from stage to stage (id, auth, GraphQL, log): filled in as the request goes. */
export interface RequestRecord {
  id: string;
  operation?: string | null;
  /** The codes the answer carries, of the closed set (so the metrics' `code` label stays bounded too). */
  errorCodes: ErrorCode[];
  /** SQL statements sent for this request so far. */
  statements: StatementTally;
  /** Set when PostgreSQL wrote the whole answer (src/modules/news-feed/sql-answers.ts), not graphql-js. */
  answeredInSql?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Gives every request an id (a well-formed incoming `X-Request-Id`, or a new one), and when it is answered writes one
 * log line and the metrics: operation, status, duration, SQL statements (when counted, see EXPOSE_SQL_STATEMENTS),
 * error codes. Never headers or variables. GraphQL requests log at info, everything else at debug.
 */
export class RequestLog {
  /** The request line is made of fields chosen here, none secret: no redaction pass over it (half its cost). */
  private readonly lines: Logger;

  constructor(
    logger: Logger,
    private readonly metrics: Metrics,
    private readonly countsStatements: boolean,
  ) {
    this.lines = logger.child({}, { redact: { paths: [] } });
  }

  begin(req: IncomingMessage, res: ServerResponse, path: string, graphql: boolean): RequestRecord {
    const incoming = req.headers["x-request-id"];
    const record: RequestRecord = {
      id: typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID(),
      errorCodes: [],
      statements: { count: 0 },
    };
    res.setHeader("x-request-id", record.id);
    const started = process.hrtime.bigint();
    res.on("finish", () => this.finish(req, res, record, path, graphql, started));
    return record;
  }

  private finish(
    req: IncomingMessage,
    res: ServerResponse,
    record: RequestRecord,
    path: string,
    graphql: boolean,
    started: bigint,
  ): void {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const line = {
      reqId: record.id,
      method: req.method,
      path,
      status: res.statusCode,
      durationMs: Math.round(seconds * 10_000) / 10,
      ...(graphql && {
        operation: record.operation ?? null,
        ...(this.countsStatements && { sqlStatements: record.statements.count }),
        ...(record.answeredInSql && { answeredInSql: true }),
        errorCodes: record.errorCodes,
      }),
    };
    if (!graphql) {
      this.lines.debug(line, "http request");
      return;
    }
    this.lines.info(line, "graphql request");
    this.metrics.requestDuration.observe(
      { operation: this.metrics.operationLabel(record.operation), status: String(res.statusCode) },
      seconds,
    );
    for (const code of record.errorCodes) this.metrics.errors.inc({ code });
  }
}
