import { countWords } from "../../src/modules/articles/article.body";

describe("countWords", () => {
  it("counts the words of Markdown, not its markup", () => {
    const markdown =
      "## A heading\n\nSome *emphasis* and a [link text](https://example.com/x).\n\n- one\n- two\n\n![alt](img.png)";
    expect(countWords(markdown)).toBe(10);
  });

  it("is zero for an empty body", () => {
    expect(countWords("  \n ")).toBe(0);
  });
});
