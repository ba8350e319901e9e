import { describe, expect, test } from "bun:test";
import { getTableColumns } from "drizzle-orm";
import { CLICK_COPY_COLUMNS, encodeClickLine, escapeCopyText } from "../../../src/clicks/click-record";
import { clicks } from "../../../src/db/schema";
import { makeClick } from "../../factories/click";

describe("COPY text encoding of clicks", () => {
  test("the column list is exactly the clicks table", () => {
    const tableColumns = Object.values(getTableColumns(clicks)).map((c) => c.name);
    expect(([...CLICK_COPY_COLUMNS] as string[]).sort()).toEqual(tableColumns.sort());
  });

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

  test("a line: values in column order, NULLs as \\N, booleans as t/f, text escaped", () => {
    const line = encodeClickLine(
      makeClick({
        id: "01a1fcab-a33c-7c8d-9a51-0d0976b23dbf",
        createdAt: new Date("2026-01-02T03:04:05.678Z"),
        smartlinkId: 2,
        publisherId: 3,
        campaignId: null,
        reason: "no_eligible_offer",
        country: "GB",
        device: "mobile",
        os: "iOS",
        ip: "81.2.69.160",
        isBot: true,
        sub1: "a\tb",
      }),
    );
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1).split("\t")).toEqual([
      "01a1fcab-a33c-7c8d-9a51-0d0976b23dbf",
      "2026-01-02T03:04:05.678Z",
      "2",
      "3",
      "\\N",
      "no_eligible_offer",
      "GB",
      "mobile",
      "iOS",
      "\\N",
      "81.2.69.160",
      "t",
      "f",
      "f",
      "\\N",
      "a\\tb",
      "\\N",
      "\\N",
      "\\N",
      "\\N",
    ]);
  });
});
