import { describe, expect, test } from "bun:test";
import { isPublicIp } from "../../../src/visitor/is-public-ip";

describe("isPublicIp", () => {
  test.each([
    "8.8.8.8",
    "81.2.69.160",
    "1.0.0.1",
    "100.63.255.255", // just below CGNAT
    "100.128.0.0", // just above CGNAT
    "172.15.255.255", // just below 172.16/12
    "172.32.0.0", // just above 172.16/12
    "223.255.255.255", // last before multicast
    "::ffff:81.2.69.160", // IPv4-mapped public
    "::ffff:5102:45a0", // the same, hex form
    "2a02:d180::1",
    "2001:218::",
    "2001:4860:4860::8888",
    "2606:4700:4700::1111",
    "2002:5102:45a0::1", // 6to4 of a public address
  ])("%s is public", (ip) => {
    expect(isPublicIp(ip)).toBe(true);
  });

  test.each([
    ["this network", "0.0.0.0"],
    ["this network", "0.255.255.255"],
    ["private 10/8", "10.0.0.1"],
    ["private 10/8", "10.255.255.255"],
    ["CGNAT 100.64/10", "100.64.0.1"],
    ["CGNAT 100.64/10", "100.127.255.255"],
    ["loopback", "127.0.0.1"],
    ["loopback", "127.255.255.254"],
    ["link-local", "169.254.169.254"],
    ["private 172.16/12", "172.16.0.1"],
    ["private 172.16/12", "172.31.255.255"],
    ["IETF protocol assignments", "192.0.0.8"],
    ["TEST-NET-1", "192.0.2.1"],
    ["6to4 relay anycast", "192.88.99.1"],
    ["private 192.168/16", "192.168.1.1"],
    ["benchmarking", "198.18.0.1"],
    ["benchmarking", "198.19.255.255"],
    ["TEST-NET-2", "198.51.100.1"],
    ["TEST-NET-3", "203.0.113.1"],
    ["multicast", "224.0.0.1"],
    ["multicast", "239.255.255.250"],
    ["reserved", "240.0.0.1"],
    ["broadcast", "255.255.255.255"],
    ["IPv4-mapped private", "::ffff:192.168.1.1"],
    ["IPv4-mapped private, hex form", "::ffff:a00:1"],
    ["unspecified", "::"],
    ["loopback", "::1"],
    ["unique local fc00::/7", "fc00::1"],
    ["unique local fc00::/7", "fd12:3456:789a::1"],
    ["link-local fe80::/10", "fe80::1"],
    ["link-local with zone", "fe80::1%eth0"],
    ["site-local (deprecated)", "fec0::1"],
    ["multicast", "ff02::1"],
    ["NAT64", "64:ff9b::808:808"],
    ["discard-only", "100::1"],
    ["Teredo", "2001:0:4136:e378::1"],
    ["benchmarking", "2001:2::1"],
    ["documentation 2001:db8::/32", "2001:db8::1"],
    ["documentation 3fff::/20", "3fff:fff::1"],
    ["not an address", "garbage"],
    ["empty", ""],
    ["with a port", "8.8.8.8:53"],
  ])("%s %s is not public", (_range, ip) => {
    expect(isPublicIp(ip)).toBe(false);
  });
});
