/** The admin dashboard: today's traffic per smartlink, pending approvals, recent activity. */
import { Html } from "@elysiajs/html";
import type { Notification } from "../../../src/db/schema";
import type { RecentClick, SmartlinkToday } from "../../../src/reports/dashboard-stats";
import { DataTable } from "../../components/data-table";
import { StatusBadge } from "../../components/status-badge";
import { TimeStamp } from "../../components/time-stamp";
import { Page, type Viewer } from "../../layouts/page";

export interface DashboardPageProps {
  viewer: Viewer;
  today: SmartlinkToday[];
  pendingApprovals: number;
  notifications: Notification[];
  recentClicks: RecentClick[];
}

/** One big number; `link` leads to where it can be acted on. */
function Stat({ label, value, link }: { label: string; value: number; link?: { href: string; text: string } }) {
  return (
    <article class="stat">
      <header safe>{label}</header>
      <p class="stat-value" safe>
        {String(value)}
      </p>
      {link ? (
        <a href={link.href} safe>
          {link.text}
        </a>
      ) : (
        ""
      )}
    </article>
  );
}

function TodayTable({ today }: { today: SmartlinkToday[] }) {
  return (
    <DataTable
      headers={["Smartlink", "Status", "Clicks", "Redirects"]}
      empty={
        <>
          No smartlinks yet. <a href="/admin/smartlinks/new">Create a smartlink</a>.
        </>
      }
    >
      {today.map((row) => (
        <tr>
          <td>
            <a href={`/admin/smartlinks/${row.smartlinkId}`} safe>
              {row.name}
            </a>
          </td>
          <td>
            <StatusBadge status={row.status} />
          </td>
          <td safe>{String(row.clicks)}</td>
          <td safe>{String(row.redirects)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function NotificationList({ notifications }: { notifications: Notification[] }) {
  if (notifications.length === 0) return <p class="muted">No notifications yet.</p>;
  return (
    <ul class="activity">
      {notifications.map((n) => (
        <li class={n.readAt ? "" : "unread"}>
          <TimeStamp date={n.createdAt} />{" "}
          {n.link?.startsWith("/") ? (
            <a href={n.link} safe>
              {n.message}
            </a>
          ) : (
            <span safe>{n.message}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function RecentClicksTable({ clicks }: { clicks: RecentClick[] }) {
  if (clicks.length === 0) return <p class="muted">No redirects yet.</p>;
  return (
    <DataTable headers={["Time", "Smartlink", "Outcome", "Country", "Device", "Counted"]}>
      {clicks.map((click) => (
        <tr>
          <td>
            <TimeStamp date={click.createdAt} />
          </td>
          <td safe>{click.smartlinkName ?? `#${click.smartlinkId} (deleted)`}</td>
          <td safe>{click.reason}</td>
          <td safe>{click.country ?? "—"}</td>
          <td safe>{click.device}</td>
          <td>{click.excluded ? "No (bot, HEAD or test)" : "Yes"}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function DashboardPage({ viewer, today, pendingApprovals, notifications, recentClicks }: DashboardPageProps) {
  const total = (key: "clicks" | "redirects") => today.reduce((sum, row) => sum + row[key], 0);
  return (
    <Page title="Dashboard" viewer={viewer}>
      <h1>Dashboard</h1>
      <div class="stats">
        <Stat label="Clicks today" value={total("clicks")} />
        <Stat label="Redirects today" value={total("redirects")} />
        <Stat label="Pending approvals" value={pendingApprovals} link={{ href: "/admin/approvals", text: "Review approvals" }} />
      </div>
      <section>
        <h2>Today per smartlink</h2>
        <p class="muted">
          Since 00:00 UTC. Clicks leave out bots, HEAD requests and publisher test clicks; redirects count every one.
        </p>
        <TodayTable today={today} />
      </section>
      <section>
        <h2>Recent activity</h2>
        <NotificationList notifications={notifications} />
        <h3>Latest redirects</h3>
        <RecentClicksTable clicks={recentClicks} />
      </section>
    </Page>
  );
}
