/**
 * `buildApp(deps)`: the whole HTTP surface as one Elysia instance. The same factory serves
 * production (`main.ts`) and tests (`app.handle(new Request(...))` or a real listener on port 0).
 */
import { Elysia } from "elysia";
import type { Config } from "./config";
import type { Logger } from "./log/logger";
import type { Database } from "./db/client";
import type { RandomSource } from "./routing/types";
import type { RouteCache } from "./links/route-cache";
import type { ClickCapture } from "./clicks/click-capture";
import type { VisitorReader } from "./visitor/read-visitor";
import type { RoutingListener } from "./links/routing-listener";
import type { StatsCache } from "./links/stats-cache";
import { redirectRoutes } from "./links/redirect-route";
import { edgePlugin, MAX_BODY_BYTES } from "./http/edge-plugin";
import { healthRoute } from "./health/health-route";
import { apiV1 } from "./api/v1";
import { demoOfferRoute } from "./demo/demo-offer-route";
import { staticPlugin } from "@elysiajs/static";
import { loginRoutes } from "./portal/login-routes";
import { setupRoutes } from "./portal/setup-routes";
import { adminPortal } from "./portal/admin/admin-portal";
import { publisherPortal } from "./portal/publisher/publisher-portal";
import { resolve } from "node:path";

const PUBLIC_DIR = resolve(import.meta.dir, "../public");

/** Everything the routes need, built once by `main.ts` (or a test) and passed in. */
export interface AppDeps {
  config: Config;
  /** The server log (JSON lines); request errors carry the request's `reqId`. */
  log: Logger;
  database: Database;
  routes: RouteCache;
  stats: StatsCache;
  listener: RoutingListener;
  clicks: ClickCapture;
  readVisitor: VisitorReader;
  /** Uniform [0, 1) source for weighted picks; `Math.random` in production. */
  random: RandomSource;
  /** Base URL of tracking links without trailing slash (PUBLIC_URL or the listening address). */
  publicUrl: () => string;
}

/**
 * `/s/:code` is a Bun-native route (`serve.routes`): Bun dispatches it before Elysia, so no
 * Elysia hook or parser runs on the hot path. It is served by `listen`, not by `app.handle`.
 *
 * Serve options: `development: false` always (Bun's developer error page, with source lines,
 * must never reach a caller, whatever NODE_ENV says); `maxRequestBodySize` caps bodies sent
 * without Content-Length; `error` is the last resort for anything Elysia does not catch (the
 * Bun-native `/s/` route): a plain 500, logged.
 */
export function buildApp(deps: AppDeps) {
  const serve = {
    routes: redirectRoutes(deps),
    development: false,
    maxRequestBodySize: MAX_BODY_BYTES,
    error(error: Error) {
      deps.log.error({ err: error }, "unhandled error outside Elysia");
      return new Response("Internal Server Error", { status: 500, headers: { "cache-control": "no-store" } });
    },
  };
  return new Elysia({ serve })
    .use(edgePlugin(deps))
    .use(healthRoute(deps))
    .use(apiV1(deps))
    .use(demoOfferRoute())
    .use(staticPlugin({ assets: PUBLIC_DIR, prefix: "/public" }))
    .get("/favicon.ico", () => Bun.file(`${PUBLIC_DIR}/favicon.svg`))
    .get("/", ({ redirect }) => redirect("/login", 302))
    .use(loginRoutes(deps))
    .use(setupRoutes(deps))
    .use(adminPortal(deps))
    .use(publisherPortal(deps));
}

export type App = ReturnType<typeof buildApp>;
