import { decodeSearchCursor, encodeSearchCursor } from "../../src/common/pagination";
import { correctableWords, MARK_START, MARK_STOP, markedHtml } from "../../src/modules/search/search.sql";

describe("search cursors", () => {
  const position = {
    score: 0.1 + 0.2, // not exactly representable in decimal: must come back bit for bit
    key: "2026-03-01T10:00:00.123Z",
    id: "6f1c2a43-0b5e-4c1e-9d2a-3b4c5d6e7f80",
    reference: "2026-03-02T08:30:00.000Z",
  };

  it("round-trips a position, its score exactly", () => {
    const decoded = decodeSearchCursor(encodeSearchCursor(position));
    expect(decoded).toEqual(position);
    expect(Object.is(decoded.score, position.score)).toBe(true);
  });

  it.each([
    ["a malformed score", { ...position, score: -1 }],
    ["a malformed time", { ...position, key: "yesterday" }],
    ["a malformed id", { ...position, id: "42" }],
  ])("rejects %s as BAD_USER_INPUT", (_what, bad) => {
    expect(() => decodeSearchCursor(encodeSearchCursor(bad))).toThrow(/not a cursor of this list/);
  });

  it("rejects a feed's cursor", () => {
    const feed = Buffer.from(JSON.stringify(["published", position.key, position.id])).toString("base64url");
    expect(() => decodeSearchCursor(feed)).toThrow(/not a cursor of this list/);
  });
});

describe("highlights as safe HTML", () => {
  it("escapes the text, then marks only the sentinels", () => {
    expect(markedHtml(`a <b>&"'${MARK_START}word${MARK_STOP}`)).toBe("a &lt;b&gt;&amp;&quot;&#39;<mark>word</mark>");
  });
});

describe("the words didYouMean may correct", () => {
  it("takes distinct words of 3 or more letters, lowercased, the or operator aside, at most 8", () => {
    expect(correctableWords(`"Councel" or -budgit of Zürich's x`)).toEqual(["councel", "budgit", "zürich"]);
    expect(correctableWords("one two three four five six seven eight nine ten")).toHaveLength(8);
  });
});
