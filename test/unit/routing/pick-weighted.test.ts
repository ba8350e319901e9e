import { describe, expect, test } from "bun:test";
import { pickWeighted } from "../../../src/routing/pick-weighted";
import { seededRandom } from "../../helpers/seeded-random";
import { expectShare, fixedRandom } from "./make-plan";

interface Item {
  id: string;
  weight: number;
}
const weightOf = (item: Item) => item.weight;
const items: Item[] = [
  { id: "a", weight: 1 },
  { id: "zero", weight: 0 },
  { id: "b", weight: 3 },
  { id: "negative", weight: -2 },
  { id: "nan", weight: Number.NaN },
  { id: "c", weight: 6 },
];

describe("pickWeighted", () => {
  // Total weight 10: a covers [0, 1), b [1, 4), c [4, 10) of random() * 10.
  test.each([
    [0, "a"],
    [0.0999, "a"],
    [0.1, "b"],
    [0.3999, "b"],
    [0.4, "c"],
    [0.9999999999999999, "c"],
  ])("draw %p picks %p with one call to random", (draw, id) => {
    expect(pickWeighted(items, weightOf, fixedRandom(draw))).toEqual(items.find((item) => item.id === id));
  });

  test.each([
    ["no items", []],
    ["only zero, negative and NaN weights", items.filter((item) => !(item.weight > 0))],
  ] as [string, Item[]][])("%s: undefined without drawing", (_, none) => {
    expect(pickWeighted(none, weightOf, fixedRandom())).toBeUndefined();
  });

  test("100k seeded draws follow the weights; non-positive weights never win", () => {
    const n = 100_000;
    const random = seededRandom(42);
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const id = pickWeighted(items, weightOf, random)?.id ?? "none";
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(["a", "b", "c"]);
    expectShare(counts.get("a") ?? 0, n, 0.1);
    expectShare(counts.get("b") ?? 0, n, 0.3);
    expectShare(counts.get("c") ?? 0, n, 0.6);
  });
});
