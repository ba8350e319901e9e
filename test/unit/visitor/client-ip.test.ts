import { describe, expect, test } from "bun:test";
import { clientIp } from "../../../src/visitor/client-ip";

describe("clientIp", () => {
  test.each([
    // [case, socket, X-Forwarded-For, trustProxy, expected]
    ["socket IPv4", "81.2.69.160", null, 0, "81.2.69.160"],
    ["socket IPv6", "2a02:d180::1", null, 0, "2a02:d180::1"],
    ["socket IPv4-mapped IPv6 (Bun)", "::ffff:81.2.69.160", null, 0, "81.2.69.160"],
    ["IPv4-mapped, upper case", "::FFFF:81.2.69.160", null, 0, "81.2.69.160"],
    ["private socket address kept", "::ffff:10.0.0.7", null, 0, "10.0.0.7"],
    ["loopback kept", "::1", null, 0, "::1"],
    ["unknown socket", null, null, 0, null],
    ["XFF ignored at trustProxy 0", "10.0.0.2", "81.2.69.160", 0, "10.0.0.2"],
    ["1 hop: right-most XFF entry", "10.0.0.2", "81.2.69.160", 1, "81.2.69.160"],
    ["1 hop: spoofed left entries ignored", "10.0.0.2", "1.1.1.1, 8.8.8.8, 81.2.69.160", 1, "81.2.69.160"],
    ["1 hop: unknown socket still skipped", null, "81.2.69.160", 1, "81.2.69.160"],
    ["1 hop: no XFF -> socket", "::ffff:81.2.69.160", null, 1, "81.2.69.160"],
    ["1 hop: empty XFF -> socket", "81.2.69.160", " , ", 1, "81.2.69.160"],
    ["2 hops: second from the right", "10.0.0.2", "1.1.1.1, 81.2.69.160, 172.16.0.9", 2, "81.2.69.160"],
    ["2 hops: shorter chain -> left-most", "10.0.0.2", "81.2.69.160", 2, "81.2.69.160"],
    ["Infinity: left-most", "10.0.0.2", "1.1.1.1, 81.2.69.160, 172.16.0.9", Infinity, "1.1.1.1"],
    ["negative trust = 0", "10.0.0.2", "81.2.69.160", -1, "10.0.0.2"],
    ["NaN trust = 0", "10.0.0.2", "81.2.69.160", Number.NaN, "10.0.0.2"],
    ["empty entries skipped", "10.0.0.2", "81.2.69.160,,  ,", 1, "81.2.69.160"],
    ["no spaces", "10.0.0.2", "8.8.8.8,81.2.69.160", 1, "81.2.69.160"],
    ["IPv4 with port", "10.0.0.2", "81.2.69.160:51234", 1, "81.2.69.160"],
    ["bracketed IPv6 with port", "10.0.0.2", "[2001:218::5]:443", 1, "2001:218::5"],
    ["bracketed IPv6", "10.0.0.2", "[2001:218::5]", 1, "2001:218::5"],
    ["bare IPv6", "10.0.0.2", "2001:218::5", 1, "2001:218::5"],
    ["mapped IPv4 in XFF", "10.0.0.2", "::ffff:81.2.69.160", 1, "81.2.69.160"],
    ["IPv6 zone dropped", "fe80::1%eth0", null, 0, "fe80::1"],
    ["garbage XFF entry", "10.0.0.2", "unknown", 1, null],
    ["garbage picked, valid ones left of it ignored", "10.0.0.2", "81.2.69.160, nonsense", 1, null],
    ["garbage socket", "not-an-ip", null, 0, null],
    ["empty socket", "", null, 0, null],
    ["unclosed bracket", "10.0.0.2", "[2001:218::5", 1, null],
    ["out-of-range octet", "10.0.0.2", "81.2.69.256", 1, null],
    ["leading-zero octet", "10.0.0.2", "081.2.69.160", 1, null],
    ["hostname", "10.0.0.2", "example.com", 1, null],
  ] as const)("%s", (_case, socket, xff, trust, expected) => {
    expect(clientIp(socket, xff, trust)).toBe(expected);
  });
});
