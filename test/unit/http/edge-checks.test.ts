/** The edge's pure checks: input text and nesting (`rejectBadInput`), https detection for HSTS. */
import { describe, expect, test } from "bun:test";
import { MalformedInputError, ValidationError } from "../../../src/errors";
import { INPUT_MESSAGES, MAX_INPUT_DEPTH, rejectBadInput } from "../../../src/http/input-guard";
import { isHttps, securityHeaders } from "../../../src/http/security-headers";

/** The field errors `rejectBadInput` throws, or null when it accepts. */
function fieldErrors(input: unknown, prefix = ""): Record<string, string> | null {
  try {
    rejectBadInput(input, prefix);
    return null;
  } catch (err) {
    if (err instanceof ValidationError) return err.errors;
    throw err;
  }
}

const nested = (depth: number): unknown => (depth === 0 ? "leaf" : [nested(depth - 1)]);

describe("rejectBadInput", () => {
  test.each([
    ["plain text", "Summer deals"],
    ["tab and line breaks (textareas send CRLF)", "a\tb\r\nc\n"],
    ["non-Latin text and a surrogate pair (emoji)", "例え ü 😀"],
    ["U+FFFD", "\ufffd"],
  ])("accepts %s", (_, text) => {
    expect(fieldErrors({ name: text, list: [text], nested: { deep: text } })).toBeNull();
  });

  test.each([
    ["NUL", "a\u0000b", INPUT_MESSAGES.control],
    ["ESC", "\u001b[31m", INPUT_MESSAGES.control],
    ["DEL", "a\u007f", INPUT_MESSAGES.control],
    ["a C1 control", "a\u0085", INPUT_MESSAGES.control],
    ["a lone high surrogate", "\ud800", INPUT_MESSAGES.unicode],
    ["a lone low surrogate", "x\udc00", INPUT_MESSAGES.unicode],
    ["a reversed pair", "\ude00\ud83d", INPUT_MESSAGES.unicode],
  ])("refuses %s, naming the field by its dotted path", (_, text, message) => {
    expect(fieldErrors({ pool: [{ countries: ["US", text] }] })).toEqual({ "pool.0.countries.1": message });
    expect(fieldErrors(text, "body")).toEqual({ body: message });
  });

  test("a bad key names its parent, never the key", () => {
    expect(fieldErrors({ pool: [{ "a\u0000": 1 }] })).toEqual({ "pool.0": INPUT_MESSAGES.control });
    expect(fieldErrors({ "\ud800": 1 })).toEqual({ body: INPUT_MESSAGES.unicode });
  });

  test(`nesting: ${MAX_INPUT_DEPTH} levels pass, one more is refused, 100,000 do not overflow the stack`, () => {
    expect(fieldErrors(nested(MAX_INPUT_DEPTH))).toBeNull();
    expect(() => rejectBadInput(nested(MAX_INPUT_DEPTH + 1))).toThrow(MalformedInputError);
    const deep = JSON.parse("[".repeat(100_000) + "]".repeat(100_000));
    expect(() => rejectBadInput(deep)).toThrow(MalformedInputError);
  });

  test("numbers, booleans, null and non-plain objects are left alone", () => {
    expect(fieldErrors({ a: 1, b: true, c: null, d: undefined, e: new Date(0) })).toBeNull();
  });
});

describe("isHttps / HSTS", () => {
  const request = (url: string, proto?: string) =>
    new Request(url, { headers: proto === undefined ? {} : { "x-forwarded-proto": proto } });

  test("https URLs count; X-Forwarded-Proto only from a trusted proxy, its last value", () => {
    expect(isHttps(request("https://sb.example/login"), 0)).toBe(true);
    expect(isHttps(request("http://sb.example/login", "https"), 0)).toBe(false);
    expect(isHttps(request("http://sb.example/login", "https"), 1)).toBe(true);
    expect(isHttps(request("http://sb.example/login", "https, http"), 1)).toBe(false);
    expect(isHttps(request("http://sb.example/login", "http"), 1)).toBe(false);
  });

  test("portal pages get the full set, the API and static files less", () => {
    const page = securityHeaders(request("https://sb.example/admin"), "/admin", 0);
    expect(page).toMatchObject({ "x-frame-options": "DENY", "cache-control": "no-store", "strict-transport-security": "max-age=31536000" });
    expect(securityHeaders(request("http://sb.example/api/v1/campaigns"), "/api/v1/campaigns", 0)).toEqual({ "x-content-type-options": "nosniff" });
    expect(securityHeaders(request("http://sb.example/public/app.css"), "/public/app.css", 0)["cache-control"]).toBeUndefined();
  });
});
