/**
 * Whether an address is worth geolocating: globally routable unicast, not a private, loopback,
 * link-local, shared (CGNAT), multicast, benchmarking, documentation or otherwise reserved range
 * (IANA IPv4/IPv6 special-purpose address registries). The npm GeoIP databases map some of these
 * ranges to countries, so callers check here before a lookup.
 */
import { BlockList, isIP } from "node:net";

const NOT_PUBLIC = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // shared address space (CGNAT)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation (TEST-NET-1)
  ["192.88.99.0", 24], // deprecated 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation (TEST-NET-2)
  ["203.0.113.0", 24], // documentation (TEST-NET-3)
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, including broadcast 255.255.255.255
] as const) {
  NOT_PUBLIC.addSubnet(net, bits, "ipv4");
}
// Special blocks inside IPv6 global unicast; everything outside 2000::/3 is excluded below.
NOT_PUBLIC.addSubnet("2001::", 23, "ipv6"); // IETF protocol assignments, Teredo, benchmarking, ORCHID
NOT_PUBLIC.addSubnet("2001:db8::", 32, "ipv6"); // documentation
NOT_PUBLIC.addSubnet("3fff::", 20, "ipv6"); // documentation (RFC 9637)

/**
 * IPv6 candidates: global unicast 2000::/3 (which leaves out ::, ::1, fc00::/7, fe80::/10,
 * fec0::/10, ff00::/8, 64:ff9b::/96 NAT64, 100::/64 discard...), plus IPv4-mapped ::ffff:0:0/96,
 * which node:net's BlockList checks against the IPv4 rules of `NOT_PUBLIC`.
 */
const V6_CANDIDATES = new BlockList();
V6_CANDIDATES.addSubnet("2000::", 3, "ipv6");
V6_CANDIDATES.addSubnet("::ffff:0:0", 96, "ipv6");

/**
 * @param ip an IPv4 dotted-quad or IPv6 address, as `clientIp` returns it (IPv4-mapped IPv6 such
 *   as `::ffff:81.2.69.160` is judged by its IPv4 address)
 * @returns true for a public address; false for a non-public one or anything that is not an IP
 *   address. Never throws.
 */
export function isPublicIp(ip: string): boolean {
  switch (isIP(ip)) {
    case 4:
      return !NOT_PUBLIC.check(ip, "ipv4");
    case 6:
      return V6_CANDIDATES.check(ip, "ipv6") && !NOT_PUBLIC.check(ip, "ipv6");
    default:
      return false;
  }
}
