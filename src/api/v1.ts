/**
 * The admin JSON API v1 under `/api/v1`: campaigns, publishers, smartlinks (with pool and
 * publisher access) and clicks. JSON in and out, snake_case; errors as in `./errors.ts`.
 *
 * Every route needs `Authorization: Bearer <key>` with a stored, unrevoked API key (checked
 * before the body is read; accepted keys are cached for 5 s). Errors are answered by the app's
 * one error handler (`src/http/error-answer.ts`) with the JSON of `./errors.ts`.
 *
 * Controllers are thin: a `t` model checks the shape, a service (shared with the portals) does
 * the rest and throws the typed errors of `src/errors.ts`.
 */
import { Elysia } from "elysia";
import type { AppDeps } from "../app";
import { apiKeyVerifier } from "../auth/api-keys";
import { campaignsApi } from "./campaigns";
import { clicksApi } from "./clicks";
import { UnauthorizedError } from "./errors";
import { pathOf } from "../http/request-path";
import { publishersApi } from "./publishers";
import { smartlinksApi } from "./smartlinks";

/** The bearer token of an `Authorization` header, or null. */
function bearerToken(header: string | null): string | null {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

const isApiV1Path = (path: string) => path === "/api/v1" || path.startsWith("/api/v1/");

/** The v1 plugin; reads only `deps.database.db` and `deps.publicUrl`. */
export function apiV1(deps: Pick<AppDeps, "database" | "publicUrl">) {
  const db = deps.database.db;
  const verify = apiKeyVerifier(db);
  return new Elysia({ prefix: "/api/v1" })
    // On request, not on transform: it runs before the body is parsed (Elysia's onRequest is
    // global, hence the path check), so an anonymous caller cannot make us read its body.
    .onRequest(async ({ request }) => {
      if (!isApiV1Path(pathOf(request.url))) return;
      const key = bearerToken(request.headers.get("authorization"));
      if (key === null) throw new UnauthorizedError("missing API key: send Authorization: Bearer <key>");
      if (!(await verify(key))) throw new UnauthorizedError("invalid or revoked API key");
    })
    .use(campaignsApi(db))
    .use(publishersApi(db))
    .use(smartlinksApi(db, deps.publicUrl))
    .use(clicksApi(db));
}
