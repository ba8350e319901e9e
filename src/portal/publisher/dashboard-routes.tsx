/** GET /publisher: the publisher's dashboard. */
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import { listNotifications } from "../../notifications/notification-service";
import { countClicks, reportRange } from "../../reports/publisher-report";
import { listMarketplace } from "../../smartlinks/marketplace";
import { DashboardPage } from "../../../views/publisher/dashboard-page";
import { portalSection } from "../portal-section";
import { currentPublisher } from "./current-publisher";

/** Latest notifications shown on the dashboard. */
const NOTIFICATIONS_SHOWN = 5;

/** The dashboard route, publisher only. */
export function dashboardRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return portalSection(deps, "publisher").get("/publisher", async ({ viewer, user }) => {
    const publisher = await currentPublisher(deps, user);
    const today = reportRange(undefined, undefined);
    const [smartlinks, clicksToday, notifications] = await Promise.all([
      listMarketplace(db, publisher.id),
      countClicks(db, publisher.id, { from: today.to, to: today.to }),
      listNotifications(db, user.id, NOTIFICATIONS_SHOWN),
    ]);
    return (
      <DashboardPage
        viewer={viewer}
        publisherName={publisher.name}
        status={publisher.status}
        approvedLinks={smartlinks.filter((s) => s.access === "approved").length}
        pendingApplications={smartlinks.filter((s) => s.access === "pending").length}
        clicksToday={clicksToday.clicks}
        notifications={notifications}
      />
    );
  });
}
