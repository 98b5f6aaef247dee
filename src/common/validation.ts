import { ValidateIf } from "class-validator";

import { BadUserInputError, type Violation } from "./errors";

/**
 * The field may be left out, but if it is given it must pass its rules: unlike `@IsOptional()`, null is not a way to
 * skip them (null would mean "erase" a value that cannot be erased).
 */
export const OmitOrValid = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** PostgreSQL's text cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"). */
const NUL = "\u0000";

/** Whether PostgreSQL can store this string (it has no U+0000). */
export const isStorable = (value: string): boolean => !value.includes(NUL);

/**
 * Rejects every string PostgreSQL could not store, anywhere in a field's coerced arguments (literals and variables
 * alike, input objects and lists included), with one violation per argument or input field path (`input.title`,
 * `links.1.url`), as class-validator's violations name them. The one place this rule is enforced: the schema's
 * validation function calls it for every resolver with arguments, before its other rules.
 */
export function rejectUnstorableStrings(args: Readonly<Record<string, unknown>>): void {
  const violations: Violation[] = [];
  const walk = (value: unknown, field: string): void => {
    if (typeof value === "string") {
      if (!isStorable(value)) {
        violations.push({ field, rule: "noNul", message: `"${field}" contains a NUL character (\\u0000).` });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${field}.${index}`));
    } else if (isInputObject(value)) {
      for (const [name, inner] of Object.entries(value)) walk(inner, `${field}.${name}`);
    }
  };
  for (const [name, value] of Object.entries(args)) walk(value, name);
  if (violations.length > 0) throw new BadUserInputError(violations);
}

/** A coerced input object (graphql-js makes them without a prototype); not a Date or another scalar's value. */
const isInputObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && [null, Object.prototype].includes(Object.getPrototypeOf(value));
