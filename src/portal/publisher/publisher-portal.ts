/** The publisher portal: sign-up and every /publisher route module. */
import { Elysia } from "elysia";
import type { AppDeps } from "../../app";
import { signupRoutes } from "../signup-routes";
import { dashboardRoutes } from "./dashboard-routes";
import { marketplaceRoutes } from "./marketplace-routes";
import { trackingLinkRoutes } from "./tracking-link-routes";
import { reportsRoutes } from "./reports-routes";
import { notificationRoutes } from "../notification-routes";
import { accountRoutes } from "../account-routes";

export function publisherPortal(deps: AppDeps) {
  return new Elysia({ name: "publisher-portal" })
    .use(signupRoutes(deps))
    .use(dashboardRoutes(deps))
    .use(marketplaceRoutes(deps))
    .use(trackingLinkRoutes(deps))
    .use(reportsRoutes(deps))
    .use(notificationRoutes(deps, "publisher"))
    .use(accountRoutes(deps, "publisher"));
}
