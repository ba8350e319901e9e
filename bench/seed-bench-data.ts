/**
 * Bench data: campaigns, smartlinks (pools with mixed priorities, countries and devices) and
 * publishers through the admin API, as an admin would; then thousands of approved publisher
 * links (`smartlink_publishers`) in a few multi-row inserts, because one API call per link
 * would make seeding slower than the benchmark.
 */
import type { Sql } from "postgres";
import { newLinkCode } from "../src/links/link-code";

const CAMPAIGNS = 10;
const SMARTLINKS = 20;
const INSERT_CHUNK = 1000;

/** Targeting rules the pools cycle through; `{}` matches every visitor. */
const TARGETING: { countries?: string[]; devices?: string[] }[] = [
  { countries: ["US"], devices: ["mobile"] },
  { countries: ["GB", "DE"], devices: ["desktop"] },
  { countries: ["SE", "CN", "JP"] },
  { devices: ["tablet"] },
  { countries: ["US", "GB"], devices: ["mobile", "tablet"] },
];

export interface SeedOptions {
  /** Base URL of the running app. */
  appUrl: string;
  /** An admin API key the app accepts. */
  apiKey: string;
  /** Client on the app's database, for the bulk insert. */
  sql: Sql;
  /** How many publisher links (codes) to create. */
  codes: number;
}

/** Seed the network; returns the link codes, in random order. */
export async function seedBenchData(opts: SeedOptions): Promise<string[]> {
  const post = apiPoster(opts.appUrl, opts.apiKey);

  const campaignIds: number[] = [];
  for (let i = 1; i <= CAMPAIGNS; i++) {
    campaignIds.push(
      await post("/api/v1/campaigns", {
        name: `Bench offer ${i}`,
        destination_url: `https://adv.example/o${i}?cid={click_id}&s1={sub1}&ps={pub_sub}&geo={country}&dev={device}`,
        payout: "1.00",
        revenue: "1.50",
      }),
    );
  }

  const smartlinkIds: number[] = [];
  for (let i = 0; i < SMARTLINKS; i++) {
    smartlinkIds.push(
      await post("/api/v1/smartlinks", {
        name: `Bench smartlink ${i + 1}`,
        visibility: "ask",
        fallback_url: `https://network.example/fallback/${i + 1}`,
        rotation: "weighted",
        pool: benchPool(i, campaignIds),
      }),
    );
  }

  const publisherIds: number[] = [];
  for (let i = 1; i <= Math.ceil(opts.codes / SMARTLINKS); i++) {
    publisherIds.push(
      await post("/api/v1/publishers", { name: `Bench publisher ${i}`, email: `pub${i}@bench.example` }),
    );
  }

  const codes = uniqueCodes(opts.codes);
  const rows = codes.map((code, i) => ({
    smartlink_id: smartlinkIds[i % SMARTLINKS]!,
    publisher_id: publisherIds[Math.floor(i / SMARTLINKS)]!,
    status: "approved",
    code,
    decided_at: new Date(),
  }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await opts.sql`insert into smartlink_publishers ${opts.sql(rows.slice(i, i + INSERT_CHUNK))}`;
  }
  return codes;
}

/**
 * The pool of smartlink `index`: 3 to 5 distinct campaigns. All but the last two entries are
 * targeted priority-1 entries; the last two form priority 2, untargeted on even smartlinks and
 * targeted on odd ones, so some visitors match nothing and go to the fallback URL.
 */
function benchPool(index: number, campaignIds: number[]) {
  const size = 3 + (index % 3);
  return Array.from({ length: size }, (_, j) => {
    const secondTier = j >= size - 2;
    const targeting = secondTier && index % 2 === 0 ? {} : TARGETING[(index + j) % TARGETING.length]!;
    return {
      campaign_id: campaignIds[(index + j) % campaignIds.length]!,
      weight: 10 + ((index * 7 + j * 13) % 90),
      priority: secondTier ? 2 : 1,
      ...targeting,
    };
  });
}

/** `count` distinct link codes from the app's own generator. */
function uniqueCodes(count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newLinkCode());
  return [...codes];
}

/** POST JSON with the API key; returns the created row's id, throws on anything but 201. */
function apiPoster(appUrl: string, apiKey: string) {
  return async (path: string, body: unknown): Promise<number> => {
    const res = await fetch(`${appUrl}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return (JSON.parse(text) as { id: number }).id;
  };
}
