/**
 * GET /publisher/reports?from=YYYY-MM-DD&to=YYYY-MM-DD: the publisher's own clicks (default:
 * the last 7 days). htmx (the range form) gets only the tables.
 */
import { Html } from "@elysiajs/html";
import { t } from "elysia";
import type { AppDeps } from "../../app";
import { publisherReport, reportRange } from "../../reports/publisher-report";
import { ReportTables, ReportsPage } from "../../../views/publisher/reports-page";
import { isHtmx, portalSection } from "../portal-section";
import { publisherIdOf } from "./current-publisher";

/** The My reports route, publisher only. */
export function reportsRoutes(deps: AppDeps) {
  return portalSection(deps, "publisher").get(
    "/publisher/reports",
    async ({ viewer, user, query, request }) => {
      const range = reportRange(query.from, query.to);
      const report = await publisherReport(deps.database.db, publisherIdOf(user), range);
      return isHtmx(request) ? <ReportTables report={report} /> : <ReportsPage viewer={viewer} report={report} />;
    },
    { query: t.Object({ from: t.Optional(t.String()), to: t.Optional(t.String()) }) },
  );
}
