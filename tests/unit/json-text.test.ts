import { JsonText, stringifyResult } from "../../src/graphql/json-text";

describe("stringifyResult", () => {
  const answer = '{"title" : "A \\"quoted\\" title", "tags" : [{"slug" : "x"}]}';

  it("writes root fields answered as JSON text as they are, beside the others, as Apollo would serialize them", () => {
    const result = { data: { __typename: "Query", article: new JsonText(answer), none: null } };
    const text = stringifyResult(result);
    expect(text).toBe(`{"data":{"__typename":"Query","article":${answer},"none":null}}\n`);
    expect(JSON.parse(text)).toEqual({ data: { __typename: "Query", article: JSON.parse(answer), none: null } });
  });

  it("serializes any other result with JSON.stringify and a newline (Apollo's own), JSON text included", () => {
    const errors = [{ message: "Oops", extensions: { code: "BAD_USER_INPUT" } }];
    expect(stringifyResult({ errors })).toBe(`${JSON.stringify({ errors })}\n`);
    expect(stringifyResult({ data: { n: 1 } })).toBe('{"data":{"n":1}}\n');
    // With errors beside it, the text is parsed and serialized again: the result keeps its shape.
    const mixed = { errors, data: { article: new JsonText(answer) } };
    expect(JSON.parse(stringifyResult(mixed))).toEqual({ errors, data: { article: JSON.parse(answer) } });
  });
});
