import { isoTime } from "../../src/observability/logger";

describe("log timestamps", () => {
  afterEach(() => jest.useRealTimers());

  const timeAt = (iso: string): string => {
    jest.useFakeTimers({ now: new Date(iso) });
    return JSON.parse(`{"x":1${isoTime()}}`).time;
  };

  it("are the ISO 8601 instant of the line, milliseconds included, across second boundaries", () => {
    for (const iso of [
      "2026-12-01T21:27:05.999Z",
      "2026-12-01T21:27:06.000Z",
      "2026-12-01T21:27:06.007Z",
      "2026-12-01T21:27:06.070Z",
      "2026-12-31T23:59:59.999Z",
      "2027-01-01T00:00:00.001Z",
    ]) {
      expect(timeAt(iso)).toBe(iso);
    }
  });
});
