/**
 * The edge check every request's input passes before any schema, route or query sees it: the
 * parsed body (JSON or form), the query and the path parameters. Text must be well-formed
 * Unicode without control characters, and a body must not nest deeper than `MAX_INPUT_DEPTH`.
 *
 * Why here: a NUL byte reaches PostgreSQL as an error (text cannot hold it), a lone UTF-16
 * surrogate cannot be encoded, and a 5,000-level array overflows the schema validator's stack;
 * each used to surface as a 500 with the SQL or stack in the answer.
 */
import { MalformedInputError, ValidationError } from "../errors";

/** Deepest nesting of arrays and objects accepted in a body (the root object is depth 1). */
export const MAX_INPUT_DEPTH = 32;

/** C0 controls except tab, line feed and carriage return (forms send CRLF), DEL, and C1. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** A UTF-16 surrogate without its pair (what `String.prototype.isWellFormed` rejects). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const INPUT_MESSAGES = {
  control: "must not contain control characters",
  unicode: "must be valid Unicode text",
  depth: `The request body is nested deeper than ${MAX_INPUT_DEPTH} levels.`,
} as const;

/** The message for a string that cannot be accepted, or null when it is fine. */
function textProblem(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return INPUT_MESSAGES.unicode;
  if (CONTROL_CHARACTER.test(text)) return INPUT_MESSAGES.control;
  return null;
}

/**
 * Walk `input` (iteratively: depth cannot overflow the stack) and throw on the first bad value.
 * Keys are checked like values. Fields are named as the API names them: `prefix.key.0.key`
 * (`prefix` alone for a bare string; no prefix for the query and path parameters).
 *
 * @param input a parsed body, query or params object (anything JSON-like; other objects such
 *   as `File` are not walked)
 * @param prefix the field name of the root, "" for none
 * @throws ValidationError `{field: message}` for a control character or an ill-formed string
 * @throws MalformedInputError when arrays/objects nest deeper than `MAX_INPUT_DEPTH`
 */
export function rejectBadInput(input: unknown, prefix = ""): void {
  const stack: { value: unknown; field: string; depth: number }[] = [{ value: input, field: prefix, depth: 0 }];
  const join = (field: string, key: string) => (field === "" ? key : `${field}.${key}`);
  while (stack.length > 0) {
    const { value, field, depth } = stack.pop()!;
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) throw new ValidationError({ [field === "" ? "body" : field]: problem });
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    const isList = Array.isArray(value);
    if (!isList && Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) continue;
    if (depth + 1 > MAX_INPUT_DEPTH) throw new MalformedInputError(INPUT_MESSAGES.depth);
    for (const [key, child] of Object.entries(value)) {
      if (!isList) {
        const problem = textProblem(key);
        // The key itself is bad: name the parent, never echo the key.
        if (problem) throw new ValidationError({ [field === "" ? "body" : field]: problem });
      }
      stack.push({ value: child, field: join(field, key), depth: depth + 1 });
    }
  }
}
