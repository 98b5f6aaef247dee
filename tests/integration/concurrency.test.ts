import { Role } from "../../src/modules/auth/viewer";
import { createArticle } from "../helpers/factories";
import { bearer, dataOf, startTestApp, type TestApp } from "../helpers/test-app";

const UPDATE = `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { version title body } }`;

describe("no lost updates", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ DB_POOL_MAX: "25" });
  });
  afterAll(() => app.close());

  it("lets exactly one of 20 concurrent updates from the same version win", async () => {
    const editor = bearer(await app.createKey(Role.EDITOR));
    const article = await createArticle(app.dataSource, { slug: "contested", title: "Original" });
    const inputs = Array.from({ length: 20 }, (_, i) => ({
      id: article.id,
      version: 1,
      title: `Title from editor ${i}`,
      body: `Body from editor ${i}.`,
    }));
    const responses = await Promise.all(inputs.map((input) => app.gql(UPDATE, { input }, editor)));

    const winners = responses.flatMap((response, i) => (response.body.errors ? [] : [i]));
    const conflicts = responses.filter((r) => r.body.errors?.[0]?.extensions.code === "CONFLICT");
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    for (const conflict of conflicts) expect(conflict.body.errors![0]!.extensions.currentVersion).toBe(2);

    const winner = inputs[winners[0]!]!;
    const stored = dataOf(
      await app.gql(
        `query ($id: ID!) { article(id: $id) { title body version revisions { version title } } }`,
        { id: article.id },
        editor,
      ),
    ).article;
    expect(stored).toEqual({
      title: winner.title,
      body: winner.body,
      version: 2,
      revisions: [{ version: 1, title: "Original" }],
    });
  });
});
