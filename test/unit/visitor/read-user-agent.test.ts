import { describe, expect, test } from "bun:test";
import { createUserAgentReader } from "../../../src/visitor/read-user-agent";
import { UA } from "./user-agents";

describe("createUserAgentReader", () => {
  test.each([
    ["iPhoneSafari", { device: "mobile", os: "iOS", browser: "Mobile Safari", isBot: false }],
    ["iPad", { device: "tablet", os: "iOS", browser: "Mobile Safari", isBot: false }],
    ["windowsEdge", { device: "desktop", os: "Windows", browser: "Edge", isBot: false }],
    ["googlebotSmartphone", { device: "mobile", os: "Android", browser: "Chrome", isBot: true }],
    ["curl", { device: "desktop", os: null, browser: null, isBot: true }],
  ] as const)("%s: device parse and bot check together", (name, expected) => {
    expect(createUserAgentReader(10)(UA[name])).toEqual(expected);
  });

  test("empty User-Agent is a desktop bot", () => {
    expect(createUserAgentReader(10)("")).toEqual({ device: "desktop", os: null, browser: null, isBot: true });
  });

  test("a repeated User-Agent gets the cached, frozen result", () => {
    const read = createUserAgentReader(10);
    const first = read(UA.androidChrome);
    expect(read(UA.androidChrome)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  test("the least recently used User-Agent is dropped past maxEntries", () => {
    const read = createUserAgentReader(2);
    const iphone = read(UA.iPhoneSafari);
    const windows = read(UA.windowsChrome);
    read(UA.iPhoneSafari); // iPhone now most recent
    read(UA.macSafari); // evicts Windows
    expect(read(UA.iPhoneSafari)).toBe(iphone);
    const windowsAgain = read(UA.windowsChrome);
    expect(windowsAgain).not.toBe(windows);
    expect(windowsAgain).toEqual(windows);
  });

  test("User-Agents over 512 characters are read but not cached", () => {
    const read = createUserAgentReader(10);
    const long = `${UA.windowsChrome} ${"x".repeat(512 - UA.windowsChrome.length)}`;
    const atLimit = long.slice(0, 512);
    expect(read(atLimit)).toBe(read(atLimit));
    const first = read(long);
    expect(first).toEqual({ device: "desktop", os: "Windows", browser: "Chrome", isBot: false });
    expect(read(long)).not.toBe(first);
  });
});
