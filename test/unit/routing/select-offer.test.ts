import { describe, expect, test } from "bun:test";
import { EXPLORE_RATE, selectOffer } from "../../../src/routing/select-offer";
import type { Decision, OfferStats, PlanEntry, RandomSource, RoutingPlan, Visitor } from "../../../src/routing/types";
import { seededRandom } from "../../helpers/seeded-random";
import { expectShare, fixedRandom, makeEntry, makePlan, makeVisitor } from "./make-plan";

const offer = (entry: PlanEntry): Decision => ({ kind: "offer", reason: "offer", entry });
const stats = (rows: Record<number, [clicks: number, revenueCents: number, payoutCents: number]>) =>
  new Map<number, OfferStats>(
    Object.entries(rows).map(([id, [clicks, revenueCents, payoutCents]]) => [
      Number(id),
      { clicks, revenueCents, payoutCents },
    ]),
  );

/** Runs `n` decisions and counts them by campaign id, or by fallback reason. */
function countDecisions(n: number, decide: (random: RandomSource) => Decision): Record<string, number> {
  const random = seededRandom(7);
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const decision = decide(random);
    const key = decision.kind === "offer" ? String(decision.entry.campaignId) : decision.reason;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe("selectOffer gates and fallbacks", () => {
  const a = makeEntry(1, { countries: ["US"] });
  const cases: [name: string, plan: RoutingPlan, visitor: Visitor, decision: Decision][] = [
    [
      "access not approved wins over a paused smartlink",
      makePlan([[makeEntry(1)]], { accessApproved: false, smartlinkActive: false }),
      makeVisitor(),
      { kind: "fallback", reason: "not_approved", url: "https://fallback.example/" },
    ],
    [
      "paused smartlink",
      makePlan([[makeEntry(1)]], { smartlinkActive: false }),
      makeVisitor(),
      { kind: "fallback", reason: "paused", url: "https://fallback.example/" },
    ],
    [
      "paused smartlink without fallback url",
      makePlan([[makeEntry(1)]], { smartlinkActive: false, fallbackUrl: null }),
      makeVisitor(),
      { kind: "fallback", reason: "paused", url: null },
    ],
    [
      "no eligible offer in any tier",
      makePlan([[a], [makeEntry(2, { weight: 0 })]]),
      makeVisitor({ country: "DE" }),
      { kind: "fallback", reason: "no_eligible_offer", url: "https://fallback.example/" },
    ],
    [
      "no eligible offer, no fallback url",
      makePlan([[a]], { fallbackUrl: null }),
      makeVisitor({ country: null }),
      { kind: "fallback", reason: "no_eligible_offer", url: null },
    ],
    [
      "empty plan, auto rotation",
      makePlan([], { rotation: "auto" }),
      makeVisitor(),
      { kind: "fallback", reason: "no_eligible_offer", url: "https://fallback.example/" },
    ],
  ];
  test.each(cases)("%s", (_, plan, visitor, decision) => {
    expect(selectOffer(plan, visitor, undefined, fixedRandom())).toEqual(decision);
  });
});

describe.each(["weighted", "auto"] as const)("selectOffer priority tiers (%s rotation)", (rotation) => {
  const second = makeEntry(20);
  const cases: [name: string, top: PlanEntry[], visitor: Visitor, winner: PlanEntry][] = [
    ["eligible top tier wins", [makeEntry(10)], makeVisitor(), makeEntry(10)],
    ["top tier geo-targeted elsewhere", [makeEntry(10, { countries: ["US"] })], makeVisitor({ country: "DE" }), second],
    ["top tier geo-targeted, country unknown", [makeEntry(10, { countries: ["DE"] })], makeVisitor({ country: null }), second],
    ["top tier for mobile only", [makeEntry(10, { devices: ["mobile"] })], makeVisitor({ device: "desktop" }), second],
    ["top tier campaign paused", [makeEntry(10, { campaignActive: false })], makeVisitor(), second],
    ["top tier weight 0", [makeEntry(10, { weight: 0 })], makeVisitor(), second],
    ["top tier empty", [], makeVisitor(), second],
    [
      "only the eligible entry of the top tier",
      [makeEntry(10, { countries: ["US"], weight: 100 }), makeEntry(11, { devices: ["desktop"] })],
      makeVisitor({ country: "DE", device: "desktop" }),
      makeEntry(11, { devices: ["desktop"] }),
    ],
  ];
  test.each(cases)("%s", (_, top, visitor, winner) => {
    // No stats: in auto rotation every entry is still exploring, so the pick takes one draw.
    const plan = makePlan([top, [second]], { rotation });
    expect(selectOffer(plan, visitor, undefined, fixedRandom(0.5))).toEqual(offer(winner));
  });
});

describe("selectOffer weighted rotation", () => {
  test("100k clicks share the winning tier by weight, ignoring ineligible entries and lower tiers", () => {
    const plan = makePlan([
      [
        makeEntry(1, { weight: 1 }),
        makeEntry(2, { weight: 3 }),
        makeEntry(3, { weight: 50, countries: ["US"] }),
        makeEntry(4, { weight: 0 }),
      ],
      [makeEntry(5, { weight: 100 })],
    ]);
    const n = 100_000;
    const counts = countDecisions(n, (random) => selectOffer(plan, makeVisitor({ country: "DE" }), undefined, random));
    expect(Object.keys(counts).sort()).toEqual(["1", "2"]);
    expectShare(counts["1"] ?? 0, n, 0.25);
    expectShare(counts["2"] ?? 0, n, 0.75);
  });
});

describe("selectOffer auto rotation", () => {
  // Per click, in cents:   epc (payout)  revenue  profit
  //   1: 100 clicks          10            12        2
  //   2: 100 clicks           6            15        9
  //   3: 200 clicks           4            14       10
  const pool = [makeEntry(1), makeEntry(2), makeEntry(3)];
  const explored = stats({ 1: [100, 1200, 1000], 2: [100, 1500, 600], 3: [200, 2800, 800] });
  const auto = (over: Partial<RoutingPlan> = {}) => makePlan([pool], { rotation: "auto", ...over });

  test.each([
    ["epc", 1],
    ["revenue", 2],
    ["profit", 3],
  ] as const)("exploits the best %s per click", (optimizeFor, winner) => {
    // First draw 0.5 is above EXPLORE_RATE: exploit; the second draw breaks (absent) ties.
    const decision = selectOffer(auto({ optimizeFor }), makeVisitor(), explored, fixedRandom(0.5, 0));
    expect(decision).toEqual(offer(makeEntry(winner)));
  });

  test.each([
    ["below EXPLORE_RATE explores by weight", [EXPLORE_RATE - 0.01, 0.99], 3],
    ["exactly EXPLORE_RATE exploits", [EXPLORE_RATE, 0.99], 1],
  ] as const)("%s", (_, draws, winner) => {
    const decision = selectOffer(auto({ optimizeFor: "epc" }), makeVisitor(), explored, fixedRandom(...draws));
    expect(decision).toEqual(offer(makeEntry(winner)));
  });

  test("losses: the smallest loss per click wins profit", () => {
    const losing = stats({ 1: [100, 100, 400], 2: [100, 100, 200], 3: [100, 100, 300] });
    const decision = selectOffer(auto({ optimizeFor: "profit" }), makeVisitor(), losing, fixedRandom(0.5, 0));
    expect(decision).toEqual(offer(makeEntry(2)));
  });

  describe("ties on the metric are broken by weight", () => {
    // 1 and 2 both earn 10/3 cents per click (exact tie through division); 3 earns less.
    const tied = [makeEntry(1, { weight: 1 }), makeEntry(2, { weight: 3 }), makeEntry(3, { weight: 100 })];
    const tiedStats = stats({ 1: [300, 0, 1000], 2: [600, 0, 2000], 3: [300, 0, 900] });
    test.each([
      [0, 1],
      [0.2499, 1],
      [0.25, 2],
      [0.9999, 2],
    ])("tie draw %p picks campaign %p", (draw, winner) => {
      const plan = makePlan([tied], { rotation: "auto" });
      expect(selectOffer(plan, makeVisitor(), tiedStats, fixedRandom(0.5, draw))).toEqual(offer(tied[winner - 1]!));
    });
  });

  test("exploration: only entries under explorationClicks get traffic, by weight, in one draw", () => {
    const plan = makePlan([[makeEntry(1, { weight: 100 }), makeEntry(2, { weight: 1 }), makeEntry(3, { weight: 3 })]], {
      rotation: "auto",
      explorationClicks: 100,
    });
    const partly = stats({ 1: [100, 99_999, 0], 2: [99, 0, 0] }); // 3 has no stats: 0 clicks
    const n = 100_000;
    const counts = countDecisions(n, (random) => selectOffer(plan, makeVisitor(), partly, random));
    expect(Object.keys(counts).sort()).toEqual(["2", "3"]);
    expectShare(counts["2"] ?? 0, n, 0.25);
    expectShare(counts["3"] ?? 0, n, 0.75);
    // Weights 1 + 3: draw 0.5 lands on campaign 3, and no second draw is taken.
    expect(selectOffer(plan, makeVisitor(), partly, fixedRandom(0.5))).toEqual(offer(plan.tiers[0]![2]!));
  });

  test("an ineligible under-explored entry neither gets traffic nor blocks exploitation", () => {
    const plan = makePlan([[makeEntry(1), makeEntry(2, { countries: ["US"] })]], { rotation: "auto" });
    const decision = selectOffer(plan, makeVisitor({ country: "DE" }), stats({ 1: [100, 0, 500] }), fixedRandom(0.5, 0));
    expect(decision).toEqual(offer(makeEntry(1)));
  });

  test("explorationClicks 0 and no stats: every entry ties at 0 and weights decide", () => {
    const plan = makePlan([[makeEntry(1, { weight: 1 }), makeEntry(2, { weight: 1 })]], {
      rotation: "auto",
      explorationClicks: 0,
    });
    expect(selectOffer(plan, makeVisitor(), undefined, fixedRandom(0.5, 0.75))).toEqual(offer(makeEntry(2)));
  });

  test(`once explored, ${EXPLORE_RATE * 100}% of clicks keep exploring by weight`, () => {
    // 1 is best; with equal weights, 2 gets half the explored share.
    const plan = makePlan([[makeEntry(1), makeEntry(2)]], { rotation: "auto" });
    const done = stats({ 1: [100, 0, 900], 2: [100, 0, 100] });
    const n = 100_000;
    const counts = countDecisions(n, (random) => selectOffer(plan, makeVisitor(), done, random));
    expect(Object.keys(counts).sort()).toEqual(["1", "2"]);
    expectShare(counts["2"] ?? 0, n, EXPLORE_RATE / 2);
  });
});
