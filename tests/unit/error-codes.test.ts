import { readFileSync } from "node:fs";
import path from "node:path";

import { ApolloServerErrorCode } from "@apollo/server/errors";

import { answerStatus, ERROR_CODES, ErrorCode } from "../../src/common/errors";

/** The README's error-code table as rows of trimmed cells (the header and the separator dropped). */
function readmeErrorTable(): string[][] {
  const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## Errors\n"), readme.indexOf("\n## Configuration\n"));
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
}

/** One row of the table as the README must show it. */
const expectedRow = ([code, rule]: [string, (typeof ERROR_CODES)[ErrorCode]]): string[] => [
  `\`${code}\``,
  rule.evenBesideData ? `${rule.status}, even beside data` : String(rule.status),
  rule.fault === "client" ? "as is" : "masked",
  rule.meaning,
];

describe("the closed set of error codes", () => {
  it("is the README's table of error codes, row for row", () => {
    expect(readmeErrorTable()).toEqual(Object.entries(ERROR_CODES).map(expectedRow));
  });

  it("holds every code Apollo Server emits", () => {
    for (const code of Object.values(ApolloServerErrorCode)) expect(ERROR_CODES).toHaveProperty(code);
  });

  it("names each code by itself", () => {
    for (const code of Object.keys(ERROR_CODES)) expect(ErrorCode[code as ErrorCode]).toBe(code);
  });

  it("lets 401, 403 and 503 set the answer's status even beside data, and leaves the rest to GraphQL over HTTP", () => {
    expect(answerStatus(200, [ErrorCode.BAD_USER_INPUT, ErrorCode.INTERNAL_SERVER_ERROR])).toBe(200);
    expect(answerStatus(400, [ErrorCode.GRAPHQL_VALIDATION_FAILED])).toBe(400);
    expect(answerStatus(200, [ErrorCode.NOT_FOUND, ErrorCode.UNAUTHENTICATED])).toBe(401);
    expect(answerStatus(200, [ErrorCode.FORBIDDEN, ErrorCode.SERVICE_UNAVAILABLE])).toBe(503);
  });
});
