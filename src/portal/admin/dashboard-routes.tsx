/** GET /admin: the admin dashboard (today's traffic, pending approvals, recent activity). */
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import { listNotifications } from "../../notifications/notification-service";
import { pendingApprovals, recentClicks, todayBySmartlink } from "../../reports/dashboard-stats";
import { DashboardPage } from "../../../views/admin/dashboard/dashboard-page";
import { portalSection } from "../portal-section";

/** The dashboard route, admin only. `now` is read per request (UTC day boundaries). */
export function dashboardRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return portalSection(deps, "admin").get("/admin", async ({ viewer, user }) => {
    const [today, pending, notifications, clicks] = await Promise.all([
      todayBySmartlink(db, new Date()),
      pendingApprovals(db),
      listNotifications(db, user.id, 5),
      recentClicks(db, 10),
    ]);
    return (
      <DashboardPage
        viewer={viewer}
        today={today}
        pendingApprovals={pending}
        notifications={notifications}
        recentClicks={clicks}
      />
    );
  });
}
