/**
 * SQL statements per request: --stmt-requests sequential requests per op (after an uncounted warm pass), counted
 * from the x-sql-statements header and, when PostgreSQL preloads it, from pg_stat_statements with DB time per request.
 */
import { setTimeout as sleep } from "node:timers/promises";

import type { Client } from "pg";

import { preparePgStatStatements, withClient } from "./database";
import { fail } from "./fail";
import { fmt, log } from "./log";
import type { Options } from "./options";
import { post } from "./requests";

export interface StatementReport {
  op: string;
  requests: number;
  header: { mean: number; min: number; max: number };
  /** Requests PostgreSQL answered whole (x-answered-in-sql), of `requests`. */
  answeredInSql: number;
  pgStatStatements: null | {
    statementsPerRequest: number;
    dbMsPerRequest: number;
    top: { perRequest: number; rowsPerCall: number; meanExecMs: number; meanPlanMs: number; query: string }[];
  };
}

export async function statementCounts(
  opts: Options,
  url: string,
  inputs: Record<string, string[]>,
): Promise<StatementReport[]> {
  const reports: StatementReport[] = [];
  const schema = await preparePgStatStatements(opts.dbUrl);
  await withClient(opts.dbUrl, async (db) => {
    const dbid = (await db.query("SELECT oid FROM pg_database WHERE datname = current_database()")).rows[0].oid;
    for (const op of opts.ops) {
      const bodies = inputs[op]!;
      const n = opts.stmtRequests;
      const pick = (i: number) => bodies[(i * 7) % bodies.length]!;
      for (let i = 0; i < n; i++) await post(url, pick(i)); // warm pass, not counted
      if (schema) await db.query(`SELECT ${schema}.pg_stat_statements_reset(0, $1, 0)`, [dbid]);
      const counts: number[] = [];
      let answeredInSql = 0;
      for (let i = 0; i < n; i++) {
        const r = await post(url, pick(i));
        if (r.status !== 200) fail(`${op}: HTTP ${r.status} during the statement count`);
        counts.push(r.statements ?? NaN);
        if (r.answeredInSql) answeredInSql += 1;
      }
      const pgss = schema ? await readPgStatStatements(db, schema, dbid, n) : null;
      const valid = counts.filter((c) => !Number.isNaN(c));
      const report: StatementReport = {
        op,
        requests: n,
        header: {
          mean: valid.reduce((a, b) => a + b, 0) / (valid.length || 1),
          min: Math.min(...valid),
          max: Math.max(...valid),
        },
        answeredInSql,
        pgStatStatements: pgss,
      };
      reports.push(report);
      logReport(report);
    }
  });
  return reports;
}

/** What pg_stat_statements counted in this database since its reset, per request of `n`. */
async function readPgStatStatements(
  db: Client,
  schema: string,
  dbid: number,
  n: number,
): Promise<StatementReport["pgStatStatements"]> {
  await sleep(200);
  const { rows } = await db.query(
    `SELECT calls, rows, total_exec_time, total_plan_time, regexp_replace(query, '\\s+', ' ', 'g') AS query
       FROM ${schema}.pg_stat_statements
      WHERE dbid = $1 AND query NOT ILIKE '%pg_stat_statements%'
      ORDER BY calls DESC, total_exec_time DESC`,
    [dbid],
  );
  return {
    statementsPerRequest: rows.reduce((a, r) => a + Number(r.calls), 0) / n,
    dbMsPerRequest: rows.reduce((a, r) => a + r.total_exec_time + r.total_plan_time, 0) / n,
    top: rows.slice(0, 10).map((r) => ({
      perRequest: Number(r.calls) / n,
      rowsPerCall: Number(r.rows) / Number(r.calls),
      meanExecMs: r.total_exec_time / Number(r.calls),
      meanPlanMs: r.total_plan_time / Number(r.calls),
      query: r.query,
    })),
  };
}

function logReport(report: StatementReport): void {
  const pgss = report.pgStatStatements;
  log(
    `statements ${report.op}: x-sql-statements mean ${fmt(report.header.mean, 2)} (min ${report.header.min}, max ${report.header.max}), answered in SQL ${report.answeredInSql}/${report.requests}` +
      (pgss
        ? `; pg_stat_statements ${fmt(pgss.statementsPerRequest, 2)} per request, ${fmt(pgss.dbMsPerRequest, 3)} ms DB exec+plan per request`
        : ""),
  );
  for (const s of pgss?.top ?? []) {
    log(
      `   ${fmt(s.perRequest, 2)}x  ${fmt(s.meanExecMs, 3)} ms exec ${fmt(s.meanPlanMs, 3)} ms plan  ${fmt(s.rowsPerCall, 1)} rows  ${s.query.slice(0, 140)}`,
    );
  }
}
