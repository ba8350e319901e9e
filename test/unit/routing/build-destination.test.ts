import { describe, expect, test } from "bun:test";
import { buildDestination, type MacroValues, SUPPORTED_MACROS } from "../../../src/routing/build-destination";

const values: MacroValues = {
  click_id: "01890a5d-ac96-774b-bcce-b302099a8057",
  publisher_id: "12",
  smartlink_id: "34",
  campaign_id: "56",
  pub_sub: "pub-sub",
  sub1: "s1",
  sub2: "s2",
  sub3: "s3",
  sub4: "s4",
  sub5: "s5",
  country: "DE",
  device: "mobile",
};

describe("buildDestination", () => {
  test("lists every macro once", () => {
    expect([...SUPPORTED_MACROS]).toEqual([
      "click_id",
      "publisher_id",
      "smartlink_id",
      "campaign_id",
      "pub_sub",
      "sub1",
      "sub2",
      "sub3",
      "sub4",
      "sub5",
      "country",
      "device",
    ]);
  });

  test.each(SUPPORTED_MACROS.map((name) => [name, values[name]]))("{%s} becomes %p", (name, value) => {
    expect(buildDestination(`https://adv.example/o?x={${name}}&y=1`, values)).toBe(`https://adv.example/o?x=${value}&y=1`);
  });

  test("all macros in one template, some repeated", () => {
    const template =
      "https://adv.example/{campaign_id}/go?cid={click_id}&aff={publisher_id}&sl={smartlink_id}&ps={pub_sub}" +
      "&s={sub1},{sub2},{sub3},{sub4},{sub5}&geo={country}&dev={device}&again={click_id}";
    expect(buildDestination(template, values)).toBe(
      "https://adv.example/56/go?cid=01890a5d-ac96-774b-bcce-b302099a8057&aff=12&sl=34&ps=pub-sub" +
        "&s=s1,s2,s3,s4,s5&geo=DE&dev=mobile&again=01890a5d-ac96-774b-bcce-b302099a8057",
    );
  });

  test.each([
    ["ampersand and equals", "a&b=c", "a%26b%3Dc"],
    ["spaces", "fb ads", "fb%20ads"],
    ["hash", "x#frag", "x%23frag"],
    ["slash, question mark, plus", "a/b?c+d", "a%2Fb%3Fc%2Bd"],
    ["percent", "100%", "100%25"],
    ["unicode", "München 😀", "M%C3%BCnchen%20%F0%9F%98%80"],
    ["null", null, ""],
    ["empty string", "", ""],
  ])("encodes %s", (_, value, encoded) => {
    expect(buildDestination("https://adv.example/o?s={sub1}&t=1", { ...values, sub1: value })).toBe(
      `https://adv.example/o?s=${encoded}&t=1`,
    );
  });

  test.each([
    ["no macros", "https://adv.example/o?a=1&b=2#top"],
    ["unknown placeholders", "https://adv.example/o?a={unknown}&b={CLICK_ID}&c={sub6}&e={}"],
    ["unbalanced braces", "https://adv.example/o?a={click_id&b=click_id}"],
  ])("keeps a template with %s unchanged", (_, template) => {
    expect(buildDestination(template, values)).toBe(template);
  });

  test("normalises the template first (rows stored before URLs were normalised)", () => {
    expect(buildDestination("https://例え.jp/パス?q=ü&s={sub1}", values)).toBe(
      "https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9?q=%C3%BC&s=s1",
    );
  });

  test.each([
    ["a control character", "https://adv.example/\x01?c={click_id}", values],
    ["a macro in the host", "https://{sub1}/", { ...values, sub1: "evil.example" }],
    ["a space", "https://adv.example/a b", values],
    ["no URL at all", "not a url {click_id}", values],
    ["a lone surrogate in a sub-ID", "https://adv.example/?s={sub1}", { ...values, sub1: "\ud800" }],
    ["a non-ASCII country value", "https://adv.example/?g={country}", { ...values, country: "ü" }],
  ])("gives null, never a broken URL, for %s", (_, template, macroValues) => {
    expect(buildDestination(template, macroValues)).toBeNull();
  });

  test("replaces known macros next to unknown ones", () => {
    expect(buildDestination("https://adv.example/o?{aff}={publisher_id}&t={{sub1}}", values)).toBe(
      "https://adv.example/o?{aff}=12&t={s1}",
    );
  });
});
