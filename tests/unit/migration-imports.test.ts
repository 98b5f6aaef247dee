import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { importsFromOutside } from "../../scripts/check-migrations";

describe("importsFromOutside (npm run check:migrations)", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "byline-migrations-"));
    await mkdir(path.join(dir, "frozen"));
    await writeFile(path.join(dir, "frozen", "renderer.ts"), `import MarkdownIt from "markdown-it";\n`);
    await writeFile(
      path.join(dir, "1-Allowed.ts"),
      `import { MigrationInterface } from "typeorm";\nimport { render } from "./frozen/renderer";\nimport { randomUUID } from "node:crypto";\n`,
    );
    await writeFile(
      path.join(dir, "2-Live.ts"),
      `import { renderMarkdown } from "../src/modules/articles/markdown";\nexport { x } from "../../elsewhere";\n`,
    );
    await writeFile(path.join(dir, "frozen", "sneaky.ts"), `const m = require("../../src/config");\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("names every import of a file outside the directory, and only those", () => {
    const found = importsFromOutside(dir).map(({ file, specifier }) => [path.relative(dir, file), specifier]);
    expect(found.sort()).toEqual(
      [
        ["2-Live.ts", "../src/modules/articles/markdown"],
        ["2-Live.ts", "../../elsewhere"],
        [path.join("frozen", "sneaky.ts"), "../../src/config"],
      ].sort(),
    );
  });

  it("finds nothing in the committed migrations", () => {
    expect(importsFromOutside(path.resolve(__dirname, "../../migrations"))).toEqual([]);
  });
});
