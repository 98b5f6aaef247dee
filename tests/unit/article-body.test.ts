import { deriveBodyFields, readingTimeFor, WORDS_PER_MINUTE } from "../../src/modules/articles/article.body";

describe("deriveBodyFields", () => {
  it("keeps the body beside its rendered HTML and its word count", () => {
    expect(deriveBodyFields("## Why\n\nOne *two* three.")).toEqual({
      body: "## Why\n\nOne *two* three.",
      bodyHtml: "<h2>Why</h2>\n<p>One <em>two</em> three.</p>\n",
      wordCount: 4,
    });
  });
});

describe("readingTimeFor", () => {
  it("is whole minutes at the reading speed, rounded up, and at least one", () => {
    expect(readingTimeFor(0)).toBe(1);
    expect(readingTimeFor(WORDS_PER_MINUTE)).toBe(1);
    expect(readingTimeFor(WORDS_PER_MINUTE + 1)).toBe(2);
    expect(readingTimeFor(WORDS_PER_MINUTE * 3)).toBe(3);
  });
});
