import { decodeCursor, encodeCursor, feedCursorOf, toConnection } from "../../src/common/pagination";

const id = "7d6b1b8e-5c1a-4c39-9f0e-3f1c2b8a9d10";

describe("cursors", () => {
  it("round-trips a feed position exactly, to the millisecond", () => {
    const at = new Date("2026-11-28T10:15:30.123Z");
    const cursor = feedCursorOf({ publishedAt: at, createdAt: new Date(0), id });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, "published")).toEqual({ key: at.toISOString(), id });
  });

  it("does not accept a cursor of another kind of list", () => {
    const cursor = encodeCursor("name", { key: "Ada", id });
    expect(() => decodeCursor(cursor, "published")).toThrow(/not a cursor of this list/);
    expect(decodeCursor(cursor, "name")).toEqual({ key: "Ada", id });
  });

  it.each([
    ["an empty string", ""],
    ["padding and symbols", "abc=="],
    ["a non-ISO time", encodeCursor("published", { key: "2026-11-28", id })],
    ["a bad id", Buffer.from(JSON.stringify(["published", "2026-11-28T10:15:30.123Z", "1"])).toString("base64url")],
    ["extra items", Buffer.from(JSON.stringify(["name", "a", id, 1])).toString("base64url")],
  ])("rejects %s, naming the argument", (_label, cursor) => {
    expect(() => decodeCursor(cursor, "published", "after")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }),
    );
  });
});

describe("toConnection", () => {
  const rows = [1, 2, 3].map((n) => ({ n }));
  const cursorOf = (row: { n: number }) => `c${row.n}`;

  it("uses the extra row only to tell that a next page exists", () => {
    expect(toConnection(rows, 2, cursorOf)).toEqual({
      edges: [
        { node: { n: 1 }, cursor: "c1" },
        { node: { n: 2 }, cursor: "c2" },
      ],
      nodes: [{ n: 1 }, { n: 2 }],
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: "c1", endCursor: "c2" },
    });
  });

  it("ends the list when no extra row came back", () => {
    expect(toConnection(rows, 3, cursorOf).pageInfo).toMatchObject({ hasNextPage: false, endCursor: "c3" });
  });
});
