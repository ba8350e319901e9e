import { describe, expect, test } from "bun:test";
import { addressKey, createMissLimiter } from "../../../src/links/miss-limiter";

describe("createMissLimiter", () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  test("allows a burst of perMinute misses, then refills one every 60/perMinute seconds", () => {
    const time = clock();
    const limiter = createMissLimiter({ perMinute: 60, now: time.now });
    for (let i = 0; i < 60; i++) expect(limiter.take("203.0.113.5")).toBe(true);
    expect(limiter.take("203.0.113.5")).toBe(false);
    time.advance(999);
    expect(limiter.take("203.0.113.5")).toBe(false);
    time.advance(1);
    expect(limiter.take("203.0.113.5")).toBe(true);
    expect(limiter.take("203.0.113.5")).toBe(false);
    time.advance(10 * 60_000);
    for (let i = 0; i < 60; i++) expect(limiter.take("203.0.113.5")).toBe(true);
    expect(limiter.take("203.0.113.5")).toBe(false);
  });

  test("addresses have their own buckets; an IPv6 /64 shares one", () => {
    const limiter = createMissLimiter({ perMinute: 2, now: () => 0 });
    expect([limiter.take("2001:db8:1:2::1"), limiter.take("2001:db8:1:2:ffff:ffff:ffff:ffff")]).toEqual([true, true]);
    expect(limiter.take("2001:db8:1:2::abcd")).toBe(false);
    expect(limiter.take("2001:db8:1:3::1")).toBe(true);
    expect(limiter.take("198.51.100.1")).toBe(true);
    expect(limiter.take("198.51.100.2")).toBe(true);
  });

  test("a refund gives a token back, never above the burst", () => {
    const limiter = createMissLimiter({ perMinute: 1, now: () => 0 });
    for (let i = 0; i < 100; i++) {
      expect(limiter.take("192.0.2.1")).toBe(true);
      limiter.refund("192.0.2.1");
    }
    limiter.refund("192.0.2.1");
    expect([limiter.take("192.0.2.1"), limiter.take("192.0.2.1")]).toEqual([true, false]);
  });
});

describe("addressKey", () => {
  test.each([
    ["203.0.113.5", "203.0.113.5"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["::", "0:0:0:0::/64"],
    ["fe80::", "fe80:0:0:0::/64"],
    ["2001:db8:1:2:3::", "2001:db8:1:2::/64"],
    ["64:ff9b::192.0.2.33", "64:ff9b:0:0::/64"],
    ["::ffff:192.0.2.1", "0:0:0:0::/64"],
    ["2001:DB8:A:B::1", "2001:db8:a:b::/64"],
    [null, "unknown"],
  ])("%p -> %p", (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });
});
