import { describe, expect, test } from "bun:test";
import { isBotUserAgent } from "../../../src/visitor/bot";
import { UA } from "./user-agents";

describe("isBotUserAgent", () => {
  test.each([
    "googlebot",
    "googlebotSmartphone",
    "bingbot",
    "ahrefsBot",
    "facebookExternalHit",
    "headlessChrome",
    "curl",
    "wget",
    "pythonRequests",
    "goHttpClient",
  ] as const)("%s is a bot", (name) => {
    expect(isBotUserAgent(UA[name])).toBe(true);
  });

  test.each([
    ["empty", ""],
    ["blank", "  "],
    ["single token", "abc"],
  ])("%s User-Agent is a bot", (_case, ua) => {
    expect(isBotUserAgent(ua)).toBe(true);
  });

  test.each([
    "iPhoneSafari",
    "iPhoneFacebookApp",
    "androidChrome",
    "samsungInternet",
    "instagramAndroid",
    "iPad",
    "kindleFire",
    "windowsChrome",
    "windowsEdge",
    "windowsFirefox",
    "macSafari",
    "linuxFirefox",
    "chromeOS",
  ] as const)("%s is not a bot", (name) => {
    expect(isBotUserAgent(UA[name])).toBe(false);
  });
});
