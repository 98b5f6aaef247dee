import { renderMarkdown } from "../../src/modules/articles/markdown";

describe("renderMarkdown", () => {
  it("renders Markdown to HTML", () => {
    const html = renderMarkdown("## Budget\n\nThe **council** met. See [the plan](https://council.example.org/plan).");
    expect(html).toContain("<h2>Budget</h2>");
    expect(html).toContain("<strong>council</strong>");
    expect(html).toContain('<a href="https://council.example.org/plan" rel="noopener noreferrer">the plan</a>');
  });

  // Real-world XSS payloads, raw and inside Markdown constructs.
  it.each([
    ["script tag", "<script>alert(1)</script>"],
    ["script in a paragraph", "Hello <script src=https://evil.example/x.js></script> world"],
    ["event handler on an image", '<img src="https://x.example/a.png" onerror="alert(1)">'],
    ["event handler on svg", "<svg onload=alert(1)><circle r=1 /></svg>"],
    ["javascript: link in Markdown", "[click](javascript:alert(1))"],
    ["javascript: link in HTML", '<a href="javascript:alert(1)">click</a>'],
    ["entity-encoded javascript: link", '<a href="&#106;avascript:alert(1)">click</a>'],
    ["mixed-case scheme with whitespace", '<a href=" JaVaScRiPt:alert(1)">click</a>'],
    ["javascript: image in Markdown", "![x](javascript:alert(1))"],
    ["data: URL image", '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
    ["iframe", '<iframe src="https://evil.example"></iframe>'],
    ["style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
    ["form with action", '<form action="https://evil.example"><input name=a></form>'],
    ["object/embed", '<object data="x.swf"></object><embed src="x.swf">'],
    ["meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
    ["vbscript link", '<a href="vbscript:msgbox(1)">x</a>'],
  ])("neutralises %s", (_label, payload) => {
    const html = renderMarkdown(payload);
    expect(html).not.toMatch(/<script|<iframe|<svg|<object|<embed|<form|<meta|<style/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/(href|src)\s*=\s*"?\s*(javascript|vbscript|data):/i);
    expect(html).not.toMatch(/style\s*=/i);
  });

  it("keeps ordinary content of a neutralised element as text", () => {
    expect(renderMarkdown('<a href="javascript:alert(1)">click</a>')).toContain("click");
  });
});
