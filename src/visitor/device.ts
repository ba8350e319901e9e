/**
 * Device class, OS and browser read from a User-Agent with ua-parser-js 1.x.
 */
import { UAParser } from "ua-parser-js";
import type { Device } from "../routing/types";

export interface ParsedDevice {
  device: Device;
  /** ua-parser-js 1.x OS name: "iOS", "Android", "Windows", "Mac OS", "Linux", "Ubuntu", "Chromium OS"... */
  os: string | null;
  /** ua-parser-js 1.x browser name: "Mobile Safari", "Chrome" (phones too), "Edge", "Samsung Internet"... */
  browser: string | null;
}

/** ua-parser-js `device.type` -> our class; any other type, or none, is desktop. */
const DEVICE_OF_TYPE: Record<string, Device> = {
  mobile: "mobile",
  wearable: "mobile", // a watch browses like a small phone
  tablet: "tablet",
  // smarttv, console, embedded, xr and no type at all (desktop browsers name no device): desktop
};

const parser = new UAParser();

/**
 * Parses one User-Agent (uncached: ~10-20 µs each; see `createUserAgentReader` for the cache).
 *
 * Caveat: iPadOS 13+ Safari sends the same User-Agent as desktop Safari on macOS ("Macintosh;
 * Intel Mac OS X"), so those iPads are read as desktop / "Mac OS" / "Safari"; only client-side
 * JavaScript (touch points) can tell them apart. ua-parser-js 1.x reads the first 500 characters.
 *
 * @param userAgent the User-Agent header ("" when missing)
 * @returns names as ua-parser-js 1.x spells them, null when it finds none. Never throws.
 */
export function parseDevice(userAgent: string): ParsedDevice {
  parser.setUA(userAgent);
  const type = parser.getDevice().type;
  return {
    device: (type !== undefined && DEVICE_OF_TYPE[type]) || "desktop",
    os: parser.getOS().name ?? null,
    browser: parser.getBrowser().name ?? null,
  };
}
