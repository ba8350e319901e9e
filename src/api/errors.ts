/**
 * Error answers of the JSON API v1, all JSON with an `error` code:
 *   401 {error: "unauthorized", message}
 *   404 {error: "not_found"}
 *   409 {error: "conflict", message}
 *   422 {error: "validation", errors: {field: message}}  (fields as snake_case paths: `pool.0.weight`)
 *   400 {error: "bad_request", message}                  (unparsable or too deeply nested body)
 *   413 {error: "payload_too_large", message}            (body over 1 MiB)
 *   500 {error: "internal", request_id}                  (logged with the request id)
 * Every answer carries `x-request-id`.
 */
import type { ValidationError as ElysiaValidationError } from "elysia";
import { ConflictError, MalformedInputError, NotFoundError, PayloadTooLargeError, ValidationError } from "../errors";
import { MESSAGES } from "../validation";

/** A JSON `Response` with `status`. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** No or no valid API key; thrown by the auth hook, answered 401 by `errorResponse`. */
export class UnauthorizedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnauthorizedError";
  }
}

/**
 * Elysia's schema error as `{field: message}`: one message per field (the first), field as the
 * dotted path into the body or query (`pool.0.weight`), "is required" for an absent field, the
 * schema's `error` message otherwise. A body that is not an object is reported as `body`.
 * (Query values are declared as strings: Elysia's query number coercion reports errors without
 * the parameter's name.)
 */
export function schemaErrors(error: ElysiaValidationError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of error.all) {
    if (!("schema" in e)) continue; // Standard Schema issues: not used by this API
    const pointer = typeof e.path === "string" ? e.path : "";
    const field = pointer === "" ? error.type : pointer.slice(1).split("/").map(unescapePointer).join(".");
    if (field in out) continue;
    const schemaMessage = (e.schema as { error?: unknown }).error;
    out[field] =
      pointer === "" && error.type === "body"
        ? "must be a JSON object"
        : valueAt(error.value, pointer) === undefined
          ? MESSAGES.required
          : typeof schemaMessage === "string"
            ? schemaMessage
            : e.message.charAt(0).toLowerCase() + e.message.slice(1);
  }
  return out;
}

function unescapePointer(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** The value at a JSON pointer (`/pool/0/weight`), undefined when any step is missing. */
function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let value: unknown = root;
  for (const segment of pointer.slice(1).split("/").map(unescapePointer)) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/**
 * The API answer to an error it expects: Elysia codes `VALIDATION` and `PARSE`,
 * `UnauthorizedError`, and the typed errors of `src/errors.ts`.
 * @returns the answer, or null for anything else (the app's error handler answers 500 and logs)
 */
export function apiErrorResponse(code: string | number, error: unknown): Response | null {
  if (code === "VALIDATION") {
    return jsonResponse(422, { error: "validation", errors: schemaErrors(error as ElysiaValidationError) });
  }
  if (error instanceof UnauthorizedError) {
    const challenge = { "www-authenticate": 'Bearer realm="switchboard"' };
    return jsonResponse(401, { error: "unauthorized", message: error.message }, challenge);
  }
  if (code === "PARSE") return jsonResponse(400, { error: "bad_request", message: "the request body is not valid JSON" });
  if (code === "NOT_FOUND" || error instanceof NotFoundError) return jsonResponse(404, { error: "not_found" });
  if (error instanceof ValidationError) return jsonResponse(422, { error: "validation", errors: error.errors });
  if (error instanceof MalformedInputError) return jsonResponse(400, { error: "bad_request", message: error.message });
  if (error instanceof PayloadTooLargeError) {
    return jsonResponse(413, { error: "payload_too_large", message: `the request body must be at most ${error.limitBytes} bytes` });
  }
  if (error instanceof ConflictError) return jsonResponse(409, { error: "conflict", message: error.message });
  return null;
}
