import { describe, expect, test } from "bun:test";
import { normalizeUrlTemplate } from "../../../src/routing/url-template";
import { checkUrl, FieldErrors, MESSAGES } from "../../../src/validation";

describe("normalizeUrlTemplate", () => {
  test.each([
    ["an IDN host, non-ASCII path and query", "https://例え.jp/パス?q=ü&s={sub1}", "https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9?q=%C3%BC&s={sub1}"],
    ["a German IDN host", "https://bücher.de/?cid={click_id}", "https://xn--bcher-kva.de/?cid={click_id}"],
    ["upper-case scheme and host, no path", "HTTPS://Adv.Example?c={click_id}", "https://adv.example/?c={click_id}"],
    ["macros in path, query and fragment", "https://a.example/{campaign_id}/go?c={click_id}#{sub1}", "https://a.example/{campaign_id}/go?c={click_id}#{sub1}"],
    ["a macro next to text in the path", "https://a.example/x{sub2}y", "https://a.example/x{sub2}y"],
    ["an unknown placeholder in the path, encoded like any brace", "https://a.example/{aff}/?x={aff}", "https://a.example/%7Baff%7D/?x={aff}"],
    ["a port and user info without macros", "http://u:p@a.example:8080/p", "http://u:p@a.example:8080/p"],
    ["a template whose text holds the stand-in token", "https://sbmacro.example/sbmacro0q?c={click_id}", "https://sbmacro.example/sbmacro0q?c={click_id}"],
    ["a plain URL", "https://adv.example/o?a=1&b=2#top", "https://adv.example/o?a=1&b=2#top"],
  ])("normalises %s", (_, template, url) => {
    expect(normalizeUrlTemplate(template)).toEqual({ ok: true, url });
  });

  test.each([
    ["a macro as the host", "https://{sub1}/"],
    ["a macro glued to the host", "https://adv.example{sub1}/x"],
    ["a macro in a host label", "https://{sub1}.adv.example/"],
    ["a macro as the port", "https://adv.example:{sub1}/"],
    ["a macro in user info", "https://{sub1}@adv.example/"],
    ["a macro after a backslash-less scheme", "https:{sub1}"],
  ])("refuses %s", (_, template) => {
    expect(normalizeUrlTemplate(template)).toEqual({ ok: false, problem: "macro_outside_path" });
  });

  test.each([
    ["a C0 control", "https://adv.example/\x01"],
    ["DEL", "https://adv.example/a\x7f"],
    ["a C1 control", "https://adv.example/a\u0085"],
    ["a space", "https://adv.example/a b"],
    ["a no-break space", "https://adv.example/a\u00a0b"],
    ["a tab", "https://adv.example/a\tb"],
    ["a newline", "https://adv.example/\n"],
    ["a bidi override", "https://adv.example/\u202egp.exe"],
    ["a zero-width space", "https://adv\u200b.example/"],
    ["a lone surrogate", "https://adv.example/\ud800"],
  ])("refuses %s", (_, template) => {
    expect(normalizeUrlTemplate(template)).toEqual({ ok: false, problem: "bad_characters" });
  });

  test.each([["ftp://adv.example/"], ["javascript:alert(1)"], ["/relative/path"], ["https://"], ["adv.example/x"], ["https://a b.example/"]])(
    "refuses %p as not an http(s) URL",
    (template) => {
      const result = normalizeUrlTemplate(template);
      expect(result.ok).toBe(false);
    },
  );
});

describe("checkUrl", () => {
  const check = (value: string) => {
    const errors = new FieldErrors();
    return { value: checkUrl(errors, "destination_url", value), errors: errors.errors };
  };

  test("stores the normal form, trimmed", () => {
    expect(check("  https://例え.jp/?s={sub1} ")).toEqual({ value: "https://xn--r8jz45g.jp/?s={sub1}", errors: {} });
  });

  test.each([
    ["https://{sub1}/", MESSAGES.urlMacroPlace],
    ["https://adv.example/\x01", MESSAGES.urlCharacters],
    ["https://adv.example/a b", MESSAGES.urlCharacters],
    ["ftp://adv.example/", MESSAGES.url],
    ["", MESSAGES.url],
    [`https://adv.example/${"a".repeat(2048)}`, MESSAGES.url],
    [`https://adv.example/${"ü".repeat(700)}`, MESSAGES.urlEncodedLength(2048)],
  ])("refuses %p with a clear field message", (value, message) => {
    expect(check(value)).toEqual({ value: undefined, errors: { destination_url: message } });
  });
});
