import { describe, expect, test } from "bun:test";
import { MAX_SUB_LENGTH, readSubIds } from "../../../src/links/sub-ids";

const none = { pub_sub: null, sub1: null, sub2: null, sub3: null, sub4: null, sub5: null };

describe("readSubIds", () => {
  test("reads each key from a query string; first value when repeated; empty is null", () => {
    expect(readSubIds(new URLSearchParams("pub_sub=news&sub1=a&sub1=b&sub2=&other=x"))).toEqual({
      ...none,
      pub_sub: "news",
      sub1: "a",
    });
  });

  test("drops NUL characters and replaces lone surrogates (JSON bodies can hold both)", () => {
    expect(readSubIds({ sub1: "a\0b", sub2: "\0", sub3: "\ud800x", sub4: ["\udc00"], sub5: 42 })).toEqual({
      ...none,
      sub1: "ab",
      sub3: "\ufffdx",
      sub4: "\ufffd",
    });
  });

  test.each([
    ["ASCII", "x".repeat(300), "x".repeat(MAX_SUB_LENGTH)],
    ["exactly the limit", "x".repeat(MAX_SUB_LENGTH), "x".repeat(MAX_SUB_LENGTH)],
    ["an emoji across the edge stays whole", "y".repeat(254) + "😀" + "z", "y".repeat(254) + "😀"],
    ["emoji count as one character each", "😀".repeat(300), "😀".repeat(MAX_SUB_LENGTH)],
  ])("cuts to %s", (_name, value, expected) => {
    const cut = readSubIds({ sub1: value }).sub1!;
    expect(cut).toBe(expected);
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });
});
