/**
 * The approved publisher's side over real HTTP (PGlite): the sub-ID builder, the test click
 * (recorded with is_test, left out of reports) and My reports (own clicks only, grouped).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { clicks, users } from "../../src/db/schema";
import { applyForSmartlink, findAccess } from "../../src/smartlinks/access-service";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { portalSession, type PortalSession } from "./publisher-session";

const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const US_IP = "216.160.83.56";
const GB_IP = "81.2.69.160";

let server: TestServer;
let smartlinkId: number;
const db = () => server.deps.database.db;

interface Publisher {
  session: PortalSession;
  publisherId: number;
  code: string;
  link: string;
}

async function approvedPublisher(email: string): Promise<Publisher> {
  const session = portalSession(server);
  await session.signUp(`Publisher ${email}`, email);
  const [user] = await db().select().from(users).where(eq(users.email, email));
  const publisherId = user!.publisherId!;
  await applyForSmartlink(db(), smartlinkId, publisherId);
  const { code } = (await findAccess(db(), smartlinkId, publisherId))!;
  return { session, publisherId, code, link: `${server.url}/s/${code}` };
}

let first: Publisher;
let second: Publisher;

beforeAll(async () => {
  server = await startTestServer("pglite");
  const offer = await server.api("POST", "/api/v1/campaigns", {
    name: "US mobile offer",
    destination_url: `${server.url}/demo/offers/A?cid={click_id}&ps={pub_sub}`,
  });
  const link = await server.api("POST", "/api/v1/smartlinks", {
    name: "Mobile Deals",
    visibility: "public",
    fallback_url: "https://fallback.example/none",
    pool: [{ campaign_id: offer.body.id, countries: ["US"], devices: ["mobile"] }],
  });
  expect(link.status).toBe(201);
  smartlinkId = link.body.id;
  first = await approvedPublisher("first@example.com");
  second = await approvedPublisher("second@example.com");
});
afterAll(() => server?.dispose());

const visit = (link: string, query: string, ip: string, ua: string) =>
  fetch(`${link}${query}`, { redirect: "manual", headers: { "x-forwarded-for": ip, "user-agent": ua } });

describe("tracking link", () => {
  test("the sub-ID builder answers the link field with the sub-IDs encoded", async () => {
    const query = new URLSearchParams({ pub_sub: " news letter ", sub1: "a&b=c", sub2: "", sub5: "ü" });
    const res = await first.session.get(`/publisher/smartlinks/${smartlinkId}/link?${query}`, { htmx: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("vary")).toBe("HX-Request");
    const html = await res.text();
    expect(html).toStartWith('<div id="tracking-link-field">');
    expect(html).toContain(`value="${first.link}?pub_sub=news+letter&sub1=a%26b%3Dc&sub5=%C3%BC"`);
  });

  test("without htmx the builder's URL goes back to the page, which prefills the fields", async () => {
    const res = await first.session.get(`/publisher/smartlinks/${smartlinkId}/link?pub_sub=news`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/publisher/smartlinks/${smartlinkId}?pub_sub=news`);
    const html = await first.session.page(`/publisher/smartlinks/${smartlinkId}?pub_sub=news`);
    expect(html).toContain(`value="${first.link}?pub_sub=news"`);
    expect(html).toMatch(/id="sub-pub_sub" name="pub_sub"[^>]*value="news"/);
    expect(html).toMatch(/<label for="sub-sub1">sub1<\/label>/);
  });

  test("sub-ID values are escaped wherever they are shown", async () => {
    const evil = `"><script>alert(1)</script>`;
    const html = await first.session.page(`/publisher/smartlinks/${smartlinkId}?sub1=${encodeURIComponent(evil)}`);
    expect(html).toContain('value="&#34;><script>alert(1)</script>"');
    expect(html.replace(/="[^"]*"/g, '=""')).not.toContain("<script>alert");
  });
});

describe("test click", () => {
  test("lands like a real click, is recorded with is_test, and is shown", async () => {
    const res = await first.session.post(
      `/publisher/smartlinks/${smartlinkId}/test-click`,
      { pub_sub: "trial" },
      { htmx: true },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    const clickId = /<code>([0-9a-f-]{36})<\/code>/.exec(html)![1]!;
    expect(html).toContain("Recorded as a test click");
    // The test request has no public address or mobile UA, so the US-mobile offer does not fit.
    expect(html).toContain("No offer in the pool accepts your country and device");
    expect(html).toContain(">https://fallback.example/none</a>");
    const [row] = await db().select().from(clicks).where(eq(clicks.id, clickId));
    expect(row).toMatchObject({
      isTest: true,
      isHead: false,
      publisherId: first.publisherId,
      smartlinkId,
      pubSub: "trial",
      reason: "no_eligible_offer",
    });
  });

  test("an over-long sub-ID in a JSON body is cut, never split; a lone surrogate is refused with a 4xx", async () => {
    const page = await (await first.session.get(`/publisher/smartlinks/${smartlinkId}`)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const testClick = (subs: Record<string, string>) =>
      server.get(`/publisher/smartlinks/${smartlinkId}/test-click`, {
        method: "POST",
        headers: {
          cookie: first.session.cookie,
          origin: server.url,
          "hx-request": "true",
          "x-forwarded-for": US_IP,
          "user-agent": IPHONE,
          "content-type": "application/json",
        },
        body: JSON.stringify({ _csrf: csrf, ...subs }),
      });
    const res = await testClick({ pub_sub: "y".repeat(254) + "😀z" });
    expect(res.status).toBe(200);
    const clickId = /<code>([0-9a-f-]{36})<\/code>/.exec(await res.text())![1]!;
    const [row] = await db().select().from(clicks).where(eq(clicks.id, clickId));
    expect(row).toMatchObject({ isTest: true, pubSub: "y".repeat(254) + "😀" });
    const lone = await testClick({ pub_sub: "\ud800" });
    expect(lone.status).toBeGreaterThanOrEqual(400);
    expect(lone.status).toBeLessThan(500);
  });

  test("names the offer when it reaches one; a form post gets the whole page", async () => {
    const res = await first.session.get(`/publisher/smartlinks/${smartlinkId}`);
    expect(res.status).toBe(200);
    const page = await server.get(`/publisher/smartlinks/${smartlinkId}/test-click`, {
      method: "POST",
      headers: {
        cookie: first.session.cookie,
        origin: server.url,
        "x-forwarded-for": US_IP,
        "user-agent": IPHONE,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: `_csrf=${/name="_csrf" value="([^"]+)"/.exec(await res.text())![1]}`,
    });
    const html = await page.text();
    expect(html).toContain("<title>Mobile Deals · Switchboard</title>");
    expect(html).toContain("Offer: <strong>US mobile offer</strong>");
    expect(html).toContain(`>${server.url}/demo/offers/A?cid=`);
    expect(html).toContain("Seen as: US, mobile.");
  });
});

describe("My reports", () => {
  test("own clicks by sub-ID, day, smartlink, country and device; bots apart; tests and others left out", async () => {
    for (let i = 0; i < 3; i++) expect((await visit(first.link, "?pub_sub=news&sub1=top", US_IP, IPHONE)).status).toBe(302);
    await visit(first.link, "?pub_sub=social", GB_IP, DESKTOP);
    await visit(first.link, "?pub_sub=news&sub1=top", US_IP, GOOGLEBOT);
    await visit(first.link, "?pub_sub=head-only", US_IP, IPHONE).then(() =>
      fetch(`${first.link}?pub_sub=head-only`, { method: "HEAD", redirect: "manual", headers: { "user-agent": IPHONE } }),
    );
    await visit(second.link, "?pub_sub=secret-source", US_IP, IPHONE);
    await first.session.post(`/publisher/smartlinks/${smartlinkId}/test-click`, { pub_sub: "tested" }, { htmx: true });
    await server.deps.clicks.flush();

    const html = await first.session.page("/publisher/reports");
    const today = new Date().toISOString().slice(0, 10);
    const week = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
    expect(html).toContain(`name="from" value="${week}"`);
    expect(html).toContain(`name="to" value="${today}"`);
    const row = (...cells: string[]) => `<tr>${cells.map((c) => `<td${/^\d+$/.test(c) ? ' class="number"' : ""}>${c}</td>`).join("")}</tr>`;
    expect(html).toContain(row("news", "top", "3", "1"));
    expect(html).toContain(row("social", "—", "1", "0"));
    expect(html).toContain(row("head-only", "—", "1", "0"));
    expect(html).toContain(row(today, "5", "1"));
    expect(html).toContain(row("Mobile Deals", "5", "1"));
    expect(html).toContain(row("US", "4", "1"));
    expect(html).toContain(row("GB", "1", "0"));
    expect(html).toContain(row("mobile", "4", "0"));
    expect(html).toContain(row("desktop", "1", "1"));
    for (const hidden of ["secret-source", "tested", "trial"]) expect(html).not.toContain(hidden);

    const theirs = await second.session.page("/publisher/reports");
    expect(theirs).toContain(row("secret-source", "—", "1", "0"));
    expect(theirs).not.toContain("news");
  });

  test("the range filters by UTC day; htmx gets only the tables", async () => {
    const res = await first.session.get("/publisher/reports?from=2020-01-01&to=2020-01-31", { htmx: true });
    const html = await res.text();
    expect(html).toStartWith('<div id="report-tables">');
    expect(html).toContain("2020-01-01 to 2020-01-31: 0 clicks, 0 from bots.");
    const swapped = await first.session.page("/publisher/reports?from=2999-01-01&to=2020-01-01&x=1");
    expect(swapped).toContain("2020-01-01 to 2999-01-01:");
    const nonsense = await first.session.page("/publisher/reports?from=2024-02-30&to=yesterday");
    expect(nonsense).toContain(`name="to" value="${new Date().toISOString().slice(0, 10)}"`);
  });
});
