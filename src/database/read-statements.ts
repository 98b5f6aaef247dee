import { createHash } from "node:crypto";

import type { Pool, QueryResultRow } from "pg";
import type { DataSource } from "typeorm";

import { poolOf } from "./data-source";
import type { StatementTally } from "./statement-counter";

/** Most distinct statement texts prepared by name; later ones go unnamed, so a stranger's shapes cannot fill memory. */
const MAX_NAMED_STATEMENTS = 500;

/** Collects the values of a statement as positional parameters (`$1`, `$2`, ...). */
export class SqlParams {
  readonly values: unknown[];

  constructor(initial: readonly unknown[] = []) {
    this.values = [...initial];
  }

  /** The placeholder for `value`, cast when PostgreSQL cannot infer its type from the context. */
  add(value: unknown, type?: string): string {
    this.values.push(value);
    return type ? `CAST($${this.values.length} AS ${type})` : `$${this.values.length}`;
  }
}

/**
 * The reader pages' statements: sent straight through TypeORM's pg pool as named statements, so PostgreSQL parses and
 * plans each text once per connection. TypeORM's logger never sees them, so they are counted here. Page sizes are
 * written into the text rather than bound: a LIMIT parameter gets a generic plan sized for any count, which here
 * hash-joined whole tables. They are bounded like TypeORM's: the pool's clients carry the statement and query
 * timeouts (createDataSource).
 */
export class ReadStatements {
  private readonly names = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    const pool = poolOf(this.dataSource);
    if (!pool) throw new Error("the DataSource is not connected");
    return pool;
  }

  async rows<R extends QueryResultRow>(text: string, params: SqlParams, tally: StatementTally): Promise<R[]> {
    tally.count += 1;
    const result = await this.pool.query<R>({ name: this.nameOf(text), text, values: params.values });
    return result.rows;
  }

  private nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < MAX_NAMED_STATEMENTS) {
      name = `byline_${createHash("sha1").update(text).digest("base64url").slice(0, 20)}`;
      this.names.set(text, name);
    }
    return name;
  }
}
