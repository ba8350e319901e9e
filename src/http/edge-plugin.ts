/**
 * The edge of the app, used first by `buildApp` so its hooks run for every Elysia route:
 * 1. on request: a request id (`x-request-id`), the security headers, and the body size cap
 *    (a declared `Content-Length` over `MAX_BODY_BYTES` is refused with 413 before anything
 *    reads the body; Bun's `maxRequestBodySize` stops chunked bodies at the same size);
 * 2. after parsing, before any schema or route: `rejectBadInput` on body, query and path
 *    parameters (control characters, ill-formed Unicode, deep nesting);
 * 3. on error: `errorAnswer`, the one error handler.
 * The API key check of `/api/v1` is an on-request hook too (`src/api/v1.ts`), so an anonymous
 * body is never read.
 */
import { Elysia } from "elysia";
import type { AppDeps } from "../app";
import { PayloadTooLargeError } from "../errors";
import { errorAnswer } from "./error-answer";
import { pathOf } from "./request-path";
import { rejectBadInput } from "./input-guard";
import { newRequestId, REQUEST_ID_HEADER } from "./request-id";
import { securityHeaders } from "./security-headers";

/** Largest request body accepted, in bytes (1 MiB): API JSON and portal forms alike. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function edgePlugin(deps: Pick<AppDeps, "config" | "log">) {
  return new Elysia({ name: "edge" })
    .onRequest(({ request, set }) => {
      set.headers[REQUEST_ID_HEADER] = newRequestId();
      Object.assign(set.headers, securityHeaders(request, pathOf(request.url), deps.config.trustProxy));
      const length = Number(request.headers.get("content-length") ?? 0);
      if (length > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
    })
    .onTransform({ as: "global" }, ({ body, query, params }) => {
      rejectBadInput(params);
      rejectBadInput(query);
      rejectBadInput(body);
    })
    .onError({ as: "global" }, (ctx) => errorAnswer(deps.log, ctx));
}
