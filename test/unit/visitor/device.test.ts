import { describe, expect, test } from "bun:test";
import { parseDevice } from "../../../src/visitor/device";
import { UA } from "./user-agents";

describe("parseDevice", () => {
  test.each([
    ["iPhoneSafari", { device: "mobile", os: "iOS", browser: "Mobile Safari" }],
    ["iPhoneChrome", { device: "mobile", os: "iOS", browser: "Chrome" }],
    ["iPhoneFacebookApp", { device: "mobile", os: "iOS", browser: "Facebook" }],
    ["androidChrome", { device: "mobile", os: "Android", browser: "Chrome" }],
    ["pixelChrome", { device: "mobile", os: "Android", browser: "Chrome" }],
    ["androidFirefox", { device: "mobile", os: "Android", browser: "Firefox" }],
    ["samsungInternet", { device: "mobile", os: "Android", browser: "Samsung Internet" }],
    ["instagramAndroid", { device: "mobile", os: "Android", browser: "Instagram" }],
    ["galaxyWatch", { device: "mobile", os: "Android", browser: "Chrome WebView" }], // wearable
    ["iPad", { device: "tablet", os: "iOS", browser: "Mobile Safari" }],
    ["galaxyTabChrome", { device: "tablet", os: "Android", browser: "Chrome" }],
    ["galaxyTabSamsung", { device: "tablet", os: "Android", browser: "Samsung Internet" }],
    ["kindleFire", { device: "tablet", os: "Android", browser: "Silk" }],
    ["windowsChrome", { device: "desktop", os: "Windows", browser: "Chrome" }],
    ["windowsEdge", { device: "desktop", os: "Windows", browser: "Edge" }],
    ["windowsFirefox", { device: "desktop", os: "Windows", browser: "Firefox" }],
    ["windowsOpera", { device: "desktop", os: "Windows", browser: "Opera" }],
    // Also an iPad on iPadOS 13+: the known caveat, read as a Mac.
    ["macSafari", { device: "desktop", os: "Mac OS", browser: "Safari" }],
    ["macChrome", { device: "desktop", os: "Mac OS", browser: "Chrome" }],
    ["linuxFirefox", { device: "desktop", os: "Linux", browser: "Firefox" }],
    ["ubuntuFirefox", { device: "desktop", os: "Ubuntu", browser: "Firefox" }],
    ["chromeOS", { device: "desktop", os: "Chromium OS", browser: "Chrome" }],
    ["samsungSmartTv", { device: "desktop", os: "Tizen", browser: "Samsung Internet" }], // smarttv
    ["playStation5", { device: "desktop", os: "PlayStation", browser: "WebKit" }], // console
    ["curl", { device: "desktop", os: null, browser: null }],
  ] as const)("%s", (name, expected) => {
    expect(parseDevice(UA[name])).toEqual(expected);
  });

  test.each(["", "   ", "garbage"])("%p -> desktop with no names", (ua) => {
    expect(parseDevice(ua)).toEqual({ device: "desktop", os: null, browser: null });
  });
});
