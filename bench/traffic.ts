/**
 * The request mix wrk replays: every code once per cycle, with sub-IDs, real User-Agents
 * (phones, tablet, desktops, a crawler) and X-Forwarded-For addresses that the GeoIP2 test
 * database knows (GB, US, SE, CN, DE) or does not (no record, no country, private, doc range).
 */

const USER_AGENTS = [
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
];

const FORWARDED_FOR = [
  "81.2.69.160",
  "216.160.83.56",
  "89.160.20.112",
  "175.16.199.0",
  "2a02:d180::1",
  "8.8.8.8",
  "214.1.1.1",
  "10.20.30.40",
  "198.51.100.7",
];

export interface TrafficRequest {
  path: string;
  userAgent: string;
  forwardedFor: string;
}

/**
 * One request per code. User-Agents cycle fastest and addresses once per User-Agent cycle, so
 * every pairing occurs; sub1/pub_sub vary, one in ten needs URL-encoding.
 */
export function buildTraffic(codes: string[]): TrafficRequest[] {
  return codes.map((code, i) => {
    const sub1 = i % 10 === 0 ? "spring%20sale%26more" : `kw${i % 100}`;
    return {
      path: `/s/${code}?sub1=${sub1}&pub_sub=site${i % 7}`,
      userAgent: USER_AGENTS[i % USER_AGENTS.length]!,
      forwardedFor: FORWARDED_FOR[Math.floor(i / USER_AGENTS.length) % FORWARDED_FOR.length]!,
    };
  });
}

/** The file format bench/redirect.lua reads: `path<TAB>user-agent<TAB>x-forwarded-for` lines. */
export function trafficFile(requests: TrafficRequest[]): string {
  return requests.map((r) => `${r.path}\t${r.userAgent}\t${r.forwardedFor}\n`).join("");
}

/**
 * Send every request once (`concurrency` at a time) so each code's routing plan is cached
 * before the measured run. A 503 (a miss that outlived ROUTE_MISS_BUDGET_MS on a busy machine;
 * no click is recorded for it) is sent again, up to 5 times.
 * @returns how many answered 302
 * @throws on the first answer that is not a 302, naming the request
 */
export async function sendEachOnce(baseUrl: string, requests: TrafficRequest[], concurrency: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++]!;
      const send = async () => {
        const res = await fetch(`${baseUrl}${r.path}`, {
          redirect: "manual",
          headers: { "user-agent": r.userAgent, "x-forwarded-for": r.forwardedFor },
        });
        await res.arrayBuffer();
        return res;
      };
      let res = await send();
      for (let retry = 0; res.status === 503 && retry < 5; retry++) res = await send();
      if (res.status !== 302) throw new Error(`GET ${r.path} (${r.forwardedFor}) answered ${res.status}, not 302`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return requests.length;
}
