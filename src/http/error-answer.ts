/**
 * The one error handler of the app (Elysia `onError`, global): every error raised while serving
 * a portal page or an API call ends here and becomes
 * - under `/api/`: the JSON answers of `src/api/errors.ts`;
 * - elsewhere (the portals): a page in the portal layout (`views/errors/error-page.tsx`):
 *   400 for input that cannot be read or accepted (with field messages, never the values),
 *   404 for unknown URLs and malformed ids, 409, 413;
 * - anything unexpected: a generic 500 (JSON `{error: "internal", request_id}` or a page showing
 *   the request id), and one `error` line in the server log with the request id, method, path
 *   (without the query) and the error. The answer never carries SQL, values or a stack.
 *
 * `/s/:code` runs outside Elysia; its last resort is Bun's `error` option (see `app.ts`).
 */
import type { ValidationError as ElysiaValidationError } from "elysia";
import { ConflictError, MalformedInputError, NotFoundError, PayloadTooLargeError, ValidationError } from "../errors";
import { apiErrorResponse, jsonResponse, schemaErrors } from "../api/errors";
import type { Logger } from "../log/logger";
import { errorPageResponse } from "../../views/errors/error-page";
import { REQUEST_ID_HEADER } from "./request-id";
import { isApiPath, pathOf } from "./request-path";

/** The parts of Elysia's error context the handler reads. */
export interface ErrorContext {
  code: string | number;
  error: unknown;
  request: Request;
  set: { headers: Record<string, unknown> };
}

const NOT_FOUND = { title: "Not found", message: "This page does not exist, or it is not available to your account." };

/** The portal answer to an error it expects, or null (then: 500). */
function portalErrorResponse(code: string | number, error: unknown): Response | null {
  const page = (status: number, title: string, message: string, problems?: Record<string, string>) =>
    errorPageResponse({ status, title, message, problems });
  if (code === "NOT_FOUND" || error instanceof NotFoundError) return page(404, NOT_FOUND.title, NOT_FOUND.message);
  if (code === "VALIDATION") {
    const invalid = error as ElysiaValidationError;
    // A path parameter that does not fit (`/admin/campaigns/1.5/edit`) names no page.
    if (invalid.type === "params") return page(404, NOT_FOUND.title, NOT_FOUND.message);
    return page(400, "Bad request", "Some of what was sent cannot be accepted. Go back, check the form and try again.", schemaErrors(invalid));
  }
  if (error instanceof ValidationError) {
    return page(400, "Bad request", "Some of what was sent cannot be accepted. Go back, check the form and try again.", error.errors);
  }
  if (code === "PARSE" || code === "INVALID_COOKIE_SIGNATURE" || error instanceof MalformedInputError) {
    return page(400, "Bad request", "The request could not be read. Go back and try again.");
  }
  if (error instanceof PayloadTooLargeError) {
    return page(413, "Too large", `The form sent more than ${error.limitBytes} bytes. Shorten it and try again.`);
  }
  if (error instanceof ConflictError) return page(409, "Conflict", error.message);
  return null;
}

/**
 * Answer `ctx.error` (see the module comment).
 * @param log where unexpected errors go (level `error`); expected ones are logged at `debug`
 */
export function errorAnswer(log: Logger, ctx: ErrorContext): Response {
  const { code, error, request } = ctx;
  const path = pathOf(request.url);
  const reqId = String(ctx.set.headers[REQUEST_ID_HEADER] ?? "");
  const api = isApiPath(path);
  const expected = api ? apiErrorResponse(code, error) : portalErrorResponse(code, error);
  if (expected) {
    log.debug({ reqId, method: request.method, path, status: expected.status, code }, "request refused");
    return expected;
  }
  log.error({ reqId, method: request.method, path, code, err: error }, "request failed");
  if (api) return jsonResponse(500, { error: "internal", request_id: reqId });
  return errorPageResponse({
    status: 500,
    title: "Something went wrong",
    message: "The server could not answer this request. It has been logged; try again in a moment.",
    requestId: reqId,
  });
}
