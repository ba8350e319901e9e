import { describe, expect, test } from "bun:test";
import { encodeCopyRows, escapeCopyText } from "../../../src/db/copy-text";

describe("COPY text format", () => {
  test.each([
    ["plain", "plain"],
    ["tab\there", "tab\\there"],
    ["new\nline\r", "new\\nline\\r"],
    ["back\\slash", "back\\\\slash"],
    ["nul\0byte", "nulbyte"],
    ["\\N", "\\\\N"],
  ])("%j is escaped as %j", (raw, escaped) => {
    expect(escapeCopyText(raw)).toBe(escaped);
  });

  test("rows: NULL, defaults, dates, booleans and numbers", () => {
    const columns = [
      { key: "id", fallback: null, text: false },
      { key: "at", fallback: null, text: false },
      { key: "flag", fallback: false, text: false },
      { key: "n", fallback: null, text: false },
      { key: "text", fallback: null, text: true },
    ];
    const rows = [
      { id: "a", at: new Date("2026-01-02T03:04:05.678Z"), flag: true, n: 7, text: "x\ty" },
      { id: "b", at: null, n: null },
    ];
    expect(encodeCopyRows(rows, columns)).toBe(
      "a\t2026-01-02T03:04:05.678Z\tt\t7\tx\\ty\n" + "b\t\\N\tf\t\\N\t\\N\n",
    );
  });
});
