import { DEFAULT_COUNT_BOUNDS, loadConfig } from "../../src/config";

describe("count bounds (COUNT_EXACT_LIMIT, COUNT_TIMEOUT_MS)", () => {
  it("defaults to exact counts of up to 10,000 rows within 200 ms", () => {
    expect(loadConfig({}).counts).toEqual(DEFAULT_COUNT_BOUNDS);
    expect(DEFAULT_COUNT_BOUNDS).toEqual({ exactLimit: 10_000, timeoutMs: 200 });
  });

  it("reads both, a limit of 0 meaning always an estimate", () => {
    expect(loadConfig({ COUNT_EXACT_LIMIT: "0", COUNT_TIMEOUT_MS: "50" }).counts).toEqual({
      exactLimit: 0,
      timeoutMs: 50,
    });
  });

  it("rejects what is not a bound, and a count timeout not below the statement timeout", () => {
    expect(() => loadConfig({ COUNT_EXACT_LIMIT: "-1" })).toThrow(/COUNT_EXACT_LIMIT must be an integer/);
    expect(() => loadConfig({ COUNT_EXACT_LIMIT: "many" })).toThrow(/COUNT_EXACT_LIMIT must be an integer/);
    expect(() => loadConfig({ COUNT_TIMEOUT_MS: "0" })).toThrow(/COUNT_TIMEOUT_MS must be an integer/);
    expect(() => loadConfig({ COUNT_TIMEOUT_MS: "5000" })).toThrow(
      /COUNT_TIMEOUT_MS \(5000\) must be smaller than DB_STATEMENT_TIMEOUT_MS \(5000\)/,
    );
  });
});
