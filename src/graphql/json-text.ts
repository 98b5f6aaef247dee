import type { FormattedExecutionResult } from "graphql";

/**
 * A root field's answer as JSON text that PostgreSQL wrote (see src/modules/news-feed/sql-answers.ts): the response
 * carries it as it is, with no parse and no second serialization ({@link stringifyResult}). Anything else that
 * serializes it (JSON.stringify) gets the same value through `toJSON`.
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/**
 * Apollo's `stringifyResult`: its own (JSON.stringify and a newline), except that a result whose root fields include
 * {@link JsonText} answers is written around their text.
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  const { data } = result;
  if (result.errors === undefined && result.extensions === undefined && data != null) {
    const parts: string[] = [];
    let spliced = false;
    for (const key of Object.keys(data)) {
      const value = data[key];
      spliced ||= value instanceof JsonText;
      parts.push(`${JSON.stringify(key)}:${value instanceof JsonText ? value.text : JSON.stringify(value)}`);
    }
    if (spliced) return `{"data":{${parts.join(",")}}}\n`;
  }
  return `${JSON.stringify(result)}\n`;
}

/**
 * A timestamptz as the DateTimeISO scalar serializes a Date (`toISOString`: UTC, milliseconds, `Z`), for answers that
 * PostgreSQL writes. The columns it is used on keep milliseconds (precision 3), so nothing is rounded.
 */
export const isoTimeSql = (expression: string): string =>
  `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** An entity's answer as JSON text, when its root field is answered in SQL, and the dependency keys it shows. */
const ANSWER_TEXT = Symbol("answerText");
const ANSWER_KEYS = Symbol("answerKeys");

interface WithAnswerText {
  [ANSWER_TEXT]?: string;
  /** Space-separated, when the response cache keeps the answer. */
  [ANSWER_KEYS]?: string;
}

export function attachAnswerText<T extends object>(entity: T, text: string, keys?: string): T {
  (entity as WithAnswerText)[ANSWER_TEXT] = text;
  if (keys !== undefined) (entity as WithAnswerText)[ANSWER_KEYS] = keys;
  return entity;
}

export const answerTextOf = (entity: object): string | undefined => (entity as WithAnswerText)[ANSWER_TEXT];

export const answerKeysOf = (entity: object): string[] => (entity as WithAnswerText)[ANSWER_KEYS]?.split(" ") ?? [];
