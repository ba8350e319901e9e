/**
 * /s/:code end to end over real HTTP, on PGlite and on the machine's PostgreSQL: smartlinks
 * built through the admin API, visitors with real User-Agents and GeoIP2 test addresses
 * (X-Forwarded-For, TRUST_PROXY=1), clicks read back through the API.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { postgresAvailable, type Backend } from "../helpers/databases";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server";

const UA = {
  iphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  windowsChrome:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  androidTablet:
    "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  googlebot: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
};
const IP = { US: "216.160.83.56", GB: "81.2.69.160", SE: "89.160.20.112" };

const backends: Backend[] = (await postgresAvailable()) ? ["pglite", "postgres"] : ["pglite"];

describe.each(backends)("redirect on %s", (backend) => {
  let server: TestServer;
  let code: string;
  let smartlinkId: number;
  const campaignIds: Record<string, number> = {};

  beforeAll(async () => {
    server = await startTestServer(backend, { DEFAULT_FALLBACK_URL: "https://network.example/default" });
    for (const name of ["A", "B", "C", "D"]) {
      const res = await server.api("POST", "/api/v1/campaigns", {
        name: `Offer ${name}`,
        destination_url: `https://adv.example/${name}?cid={click_id}&s1={sub1}&ps={pub_sub}&geo={country}&dev={device}`,
        payout: "1.00",
        revenue: "1.50",
      });
      expect(res.status).toBe(201);
      campaignIds[name] = res.body.id;
    }
    const link = await server.api("POST", "/api/v1/smartlinks", {
      name: "Test link",
      visibility: "ask",
      fallback_url: "https://network.example/smartlink-fallback",
      rotation: "weighted",
      pool: [
        { campaign_id: campaignIds.A, weight: 100, priority: 1, countries: ["US"], devices: ["mobile"] },
        { campaign_id: campaignIds.B, weight: 100, priority: 1, countries: ["GB"], devices: ["desktop"] },
        { campaign_id: campaignIds.C, weight: 70, priority: 2 },
        { campaign_id: campaignIds.D, weight: 30, priority: 2 },
      ],
    });
    expect(link.status).toBe(201);
    smartlinkId = link.body.id;
    const publisher = await server.api("POST", "/api/v1/publishers", { name: "Pub", email: "pub@example.com" });
    const access = await server.api("POST", `/api/v1/smartlinks/${smartlinkId}/publishers`, {
      publisher_id: publisher.body.id,
    });
    expect(access.status).toBe(201);
    expect(access.body.tracking_url).toBe(`${server.url}/s/${access.body.code}`);
    code = access.body.code;
  });
  afterAll(() => server?.dispose());

  const click = (ip: string, ua: string, query = "", method = "GET") =>
    server.get(`/s/${code}${query}`, { method, headers: { "user-agent": ua, "x-forwarded-for": ip } });

  test("US mobile goes to the top-priority geo/device offer with macros filled and encoded", async () => {
    const res = await click(IP.US, UA.iphone, "?sub1=hello%20world%26more&pub_sub=news");
    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname).toBe("/A");
    expect(location.searchParams.get("s1")).toBe("hello world&more");
    expect(location.searchParams.get("ps")).toBe("news");
    expect(location.searchParams.get("geo")).toBe("US");
    expect(location.searchParams.get("dev")).toBe("mobile");
    const clickId = location.searchParams.get("cid")!;
    expect(clickId).toMatch(/^[0-9a-f-]{36}$/);

    const recorded = await eventually(async () => {
      const list = await server.api("GET", `/api/v1/clicks?smartlink_id=${smartlinkId}`);
      return list.body.clicks.find((c: { click_id: string }) => c.click_id === clickId);
    }, 2000);
    expect(recorded).toMatchObject({
      click_id: clickId,
      smartlink_id: smartlinkId,
      campaign_id: campaignIds.A,
      reason: "offer",
      country: "US",
      device: "mobile",
      os: "iOS",
      is_bot: false,
      is_head: false,
      pub_sub: "news",
      sub1: "hello world&more",
      sub2: null,
    });
  });

  test("GB desktop goes to its offer; SE and tablets fall to the second tier", async () => {
    const gb = await click(IP.GB, UA.windowsChrome);
    expect(new URL(gb.headers.get("location")!).pathname).toBe("/B");
    for (const [ip, ua] of [
      [IP.SE, UA.iphone],
      [IP.US, UA.androidTablet],
      [IP.GB, UA.iphone],
    ] as const) {
      const res = await click(ip, ua);
      expect(["/C", "/D"]).toContain(new URL(res.headers.get("location")!).pathname);
    }
  });

  test("weights split the second tier 70/30", async () => {
    const n = 1000;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const res = await click(IP.SE, UA.windowsChrome);
      if (new URL(res.headers.get("location")!).pathname === "/C") c++;
    }
    const sigma = Math.sqrt(n * 0.7 * 0.3);
    expect(Math.abs(c - 0.7 * n)).toBeLessThan(5 * sigma);
  });

  test("HEAD requests and bots are redirected, recorded and flagged", async () => {
    const head = await click(IP.US, UA.iphone, "?sub2=head", "HEAD");
    expect(head.status).toBe(302);
    const bot = await click(IP.US, UA.googlebot, "?sub2=bot");
    expect(bot.status).toBe(302);
    const flagged = await eventually(async () => {
      const list = await server.api("GET", `/api/v1/clicks?smartlink_id=${smartlinkId}&limit=1000`);
      const rows = list.body.clicks.filter((c: { sub2: string }) => c.sub2 === "head" || c.sub2 === "bot");
      return rows.length === 2 ? rows : undefined;
    });
    expect(flagged.map((c: any) => [c.sub2, c.is_head, c.is_bot]).sort()).toEqual([
      ["bot", false, true],
      ["head", true, false],
    ]);
  });

  test.each([
    ["unknown code", "/s/Zz9Zz9Zz"],
    ["too long", `/s/${"a".repeat(5000)}`],
    ["punctuation", "/s/abc%00def"],
    ["path traversal", "/s/..%2F..%2Fetc"],
    ["unicode", "/s/%E2%9C%93%E2%9C%93%E2%9C%93%E2%9C%93"],
    ["sql", "/s/'%20or%201=1--"],
  ])("%s answers 404, never a 5xx", async (_name, path) => {
    const res = await server.get(path);
    expect(res.status).toBe(404);
  });

  test("a paused smartlink sends clicks to its fallback, then to the network default", async () => {
    expect((await server.api("PATCH", `/api/v1/smartlinks/${smartlinkId}`, { status: "paused" })).status).toBe(200);
    const paused = await eventually(async () => {
      const res = await click(IP.US, UA.iphone);
      const location = res.headers.get("location");
      return location === "https://network.example/smartlink-fallback" ? location : undefined;
    }, 1000);
    expect(paused).toBe("https://network.example/smartlink-fallback");

    await server.api("PATCH", `/api/v1/smartlinks/${smartlinkId}`, { fallback_url: null });
    const networkDefault = await eventually(async () => {
      const location = (await click(IP.US, UA.iphone)).headers.get("location");
      return location === "https://network.example/default" ? location : undefined;
    }, 1000);
    expect(networkDefault).toBe("https://network.example/default");

    await server.api("PATCH", `/api/v1/smartlinks/${smartlinkId}`, {
      status: "active",
      fallback_url: "https://network.example/smartlink-fallback",
    });
  });

  test("a paused campaign is skipped; nothing eligible falls back with its reason", async () => {
    await server.api("PATCH", `/api/v1/campaigns/${campaignIds.A}`, { status: "paused" });
    const res = await eventually(async () => {
      const r = await click(IP.US, UA.iphone, "?sub3=after-pause");
      return ["/C", "/D"].includes(new URL(r.headers.get("location")!).pathname) ? r : undefined;
    }, 1000);
    expect(res.status).toBe(302);

    await server.api("PATCH", `/api/v1/smartlinks/${smartlinkId}`, {
      pool: [{ campaign_id: campaignIds.A, weight: 100, priority: 1, countries: ["US"] }],
    });
    await eventually(async () => {
      const r = await click(IP.US, UA.iphone, "?sub3=nothing-eligible");
      return r.headers.get("location") === "https://network.example/smartlink-fallback" ? true : undefined;
    }, 1000);
    const row = await eventually(async () => {
      const list = await server.api("GET", `/api/v1/clicks?smartlink_id=${smartlinkId}&limit=5`);
      return list.body.clicks.find((c: { sub3: string }) => c.sub3 === "nothing-eligible");
    });
    expect(row).toMatchObject({ campaign_id: null, reason: "no_eligible_offer" });
  });

  test("every redirect served is a recorded click", async () => {
    await server.deps.clicks.flush();
    const stats = server.deps.clicks.stats();
    expect(stats.dropped).toBe(0);
    expect(stats.buffered).toBe(0);
    const list = await server.api("GET", `/api/v1/clicks?smartlink_id=${smartlinkId}&limit=1000`);
    let total = list.body.clicks.length;
    let cursor = list.body.next_cursor;
    while (cursor) {
      const page = await server.api("GET", `/api/v1/clicks?smartlink_id=${smartlinkId}&limit=1000&cursor=${cursor}`);
      total += page.body.clicks.length;
      cursor = page.body.next_cursor;
    }
    expect(total).toBe(stats.written);
  });

  test("/healthz is liveness only; /readyz reports database, listener and click buffer", async () => {
    const live = await server.get("/healthz");
    expect([live.status, await live.json()]).toEqual([200, { status: "ok" }]);
    const res = await server.get("/readyz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "ok",
      reasons: [],
      database: { kind: backend, ok: true },
      listener: { connected: true },
      clicks: { buffered: expect.any(Number), dropped: 0 },
    });
  });
});
