/**
 * /s/:code end to end over real HTTP, on PGlite and on the machine's PostgreSQL: smartlinks
 * built through the admin API, visitors with real User-Agents and GeoIP2 test addresses
 * (X-Forwarded-For, TRUST_PROXY=1), clicks read back through the API.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { count, eq } from "drizzle-orm";
import { clicks } from "../../src/db/schema";
import { postgresAvailable, type Backend } from "../helpers/databases";
import { eventually, routingSettled, startTestServer, type TestServer } from "../helpers/test-server";

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

  /** 302 answers this file received from /s/ (each must become one stored click). */
  let redirectsServed = 0;
  const click = async (ip: string, ua: string, query = "", method = "GET") => {
    const res = await server.get(`/s/${code}${query}`, { method, headers: { "user-agent": ua, "x-forwarded-for": ip } });
    if (res.status === 302) redirectsServed++;
    return res;
  };

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
    });
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

  test("sub-IDs are percent-encoded in Location: & = space # / + % and unicode stay in their slot", async () => {
    const nasty = "a&b=c d#e/f+g%h?ü😀";
    const query = new URLSearchParams({ pub_sub: nasty, sub1: nasty }).toString();
    const res = await click(IP.US, UA.iphone, `?${query}`);
    expect(res.status).toBe(302);
    const raw = res.headers.get("location")!;
    const encoded = "a%26b%3Dc%20d%23e%2Ff%2Bg%25h%3F%C3%BC%F0%9F%98%80";
    expect(raw).toContain(`&s1=${encoded}&ps=${encoded}&geo=US&dev=mobile`);
    const location = new URL(raw);
    expect(location.hash).toBe("");
    expect([location.searchParams.get("s1"), location.searchParams.get("ps")]).toEqual([nasty, nasty]);
  });

  test("over-long sub-IDs are cut to 255 characters, never split, in Location and in the stored click", async () => {
    const long = "x".repeat(300);
    // 254 ASCII characters then an emoji (two UTF-16 units): a cut at 255 units would split it.
    const emojiAtEdge = "y".repeat(254) + "😀" + "z".repeat(10);
    const query = new URLSearchParams({ sub1: long, pub_sub: emojiAtEdge, sub4: "ok" }).toString();
    const res = await click(IP.US, UA.iphone, `?${query}`);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.searchParams.get("s1")).toBe("x".repeat(255));
    expect(location.searchParams.get("ps")).toBe("y".repeat(254) + "😀");
    const clickId = location.searchParams.get("cid")!;
    const row = await eventually(async () => {
      const list = await server.api("GET", `/api/v1/clicks?smartlink_id=${smartlinkId}&limit=1000`);
      return list.body.clicks.find((c: { click_id: string }) => c.click_id === clickId);
    });
    expect(row).toMatchObject({ sub1: "x".repeat(255), pub_sub: "y".repeat(254) + "😀", sub4: "ok", reason: "offer" });
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
    });
    expect(paused).toBe("https://network.example/smartlink-fallback");

    await server.api("PATCH", `/api/v1/smartlinks/${smartlinkId}`, { fallback_url: null });
    const networkDefault = await eventually(async () => {
      const location = (await click(IP.US, UA.iphone)).headers.get("location");
      return location === "https://network.example/default" ? location : undefined;
    });
    expect(networkDefault).toBe("https://network.example/default");

    await server.api("PATCH", `/api/v1/smartlinks/${smartlinkId}`, {
      status: "active",
      fallback_url: "https://network.example/smartlink-fallback",
    });
    // Active again once the NOTIFY has reached the cache (the next tests start from here).
    await eventually(async () => (new URL((await click(IP.US, UA.iphone)).headers.get("location")!).pathname === "/A" ? true : undefined));
  });

  test("a paused campaign is skipped on a warm cache; nothing eligible falls back with its reason", async () => {
    // Warm the cache once earlier edits' notifications are handled: US mobile goes to A, and the
    // plan stays cached (TTL 60 s).
    await routingSettled(server);
    expect(new URL((await click(IP.US, UA.iphone)).headers.get("location")!).pathname).toBe("/A");
    expect(server.deps.routes.peek(code)).toBeTruthy();
    // Pause A through the admin API: only the NOTIFY invalidation can make the next clicks skip it.
    expect((await server.api("PATCH", `/api/v1/campaigns/${campaignIds.A}`, { status: "paused" })).status).toBe(200);
    await eventually(async () => {
      const r = await click(IP.US, UA.iphone, "?sub3=after-pause");
      return ["/C", "/D"].includes(new URL(r.headers.get("location")!).pathname) ? true : undefined;
    });

    await server.api("PATCH", `/api/v1/smartlinks/${smartlinkId}`, {
      pool: [{ campaign_id: campaignIds.A, weight: 100, priority: 1, countries: ["US"] }],
    });
    await eventually(async () => {
      const r = await click(IP.US, UA.iphone, "?sub3=waiting");
      return r.headers.get("location") === "https://network.example/smartlink-fallback" ? true : undefined;
    });
    // One more click once the edit is seen (the waiting ones may have reached an offer).
    const last = await click(IP.US, UA.iphone, "?sub3=nothing-eligible");
    expect(last.headers.get("location")).toBe("https://network.example/smartlink-fallback");
    const row = await eventually(async () => {
      const list = await server.api("GET", `/api/v1/clicks?smartlink_id=${smartlinkId}&limit=5`);
      return list.body.clicks.find((c: { sub3: string }) => c.sub3 === "nothing-eligible");
    });
    expect(row).toMatchObject({ campaign_id: null, reason: "no_eligible_offer" });
  });

  test("every redirect served is a recorded click", async () => {
    expect(redirectsServed).toBeGreaterThan(1000);
    const stored = async () =>
      (await server.deps.database.db.select({ n: count() }).from(clicks).where(eq(clicks.smartlinkId, smartlinkId)))[0]!.n;
    // The buffer flushes every 50 ms: wait until every 302 is a row, then check none is extra.
    await eventually(async () => ((await stored()) >= redirectsServed ? true : undefined), 10_000);
    await server.deps.clicks.flush();
    expect(await stored()).toBe(redirectsServed);
    expect(server.deps.clicks.stats()).toMatchObject({ dropped: 0, buffered: 0 });
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
