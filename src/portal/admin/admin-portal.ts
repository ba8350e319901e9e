/** The admin portal: every /admin route module, each guarded by `portalSection(deps, "admin")`. */
import { Elysia } from "elysia";
import type { AppDeps } from "../../app";
import { dashboardRoutes } from "./dashboard-routes";
import { campaignRoutes } from "./campaign-routes";
import { publisherRoutes } from "./publisher-routes";
import { trackingDomainRoutes } from "./tracking-domain-routes";
import { apiKeyRoutes } from "./api-key-routes";
import { smartlinkBuilderRoutes } from "./smartlink-builder-routes";
import { smartlinkRoutes } from "./smartlink-routes";
import { approvalRoutes } from "./approval-routes";
import { notificationRoutes } from "../notification-routes";
import { accountRoutes } from "../account-routes";
import { userRoutes } from "./user-routes";
import { settingsRoutes } from "./settings-routes";

export function adminPortal(deps: AppDeps) {
  return new Elysia({ name: "admin-portal" })
    .use(dashboardRoutes(deps))
    .use(campaignRoutes(deps))
    .use(publisherRoutes(deps))
    .use(trackingDomainRoutes(deps))
    .use(apiKeyRoutes(deps))
    .use(smartlinkBuilderRoutes(deps))
    .use(smartlinkRoutes(deps))
    .use(approvalRoutes(deps))
    .use(notificationRoutes(deps, "admin"))
    .use(accountRoutes(deps, "admin"))
    .use(userRoutes(deps))
    .use(settingsRoutes(deps));
}
