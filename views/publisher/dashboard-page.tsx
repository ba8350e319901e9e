/** /publisher: the publisher's summary (links, today's clicks, latest notifications). */
import { Html } from "@elysiajs/html";
import type { Notification } from "../../src/db/schema";
import type { PublisherStatus } from "../../src/publishers/publisher-service";
import { Page, type Viewer } from "../layouts/page";
import { TimeStamp } from "../components/time-stamp";
import { AccountNotice } from "./account-notice";

export interface DashboardPageProps {
  viewer: Viewer;
  publisherName: string;
  status: PublisherStatus;
  approvedLinks: number;
  pendingApplications: number;
  clicksToday: number;
  notifications: Notification[];
}

/** The whole dashboard page. */
export function DashboardPage(props: DashboardPageProps) {
  return (
    <Page title="Dashboard" viewer={props.viewer}>
      <h1 safe>Welcome, {props.publisherName}</h1>
      <AccountNotice status={props.status} />
      <div class="cards stats">
        <article>
          <header>Approved links</header>
          <p class="figure" safe>{String(props.approvedLinks)}</p>
          <a href="/publisher/smartlinks">Browse smartlinks</a>
        </article>
        <article>
          <header>Applications awaiting review</header>
          <p class="figure" safe>{String(props.pendingApplications)}</p>
        </article>
        <article>
          <header>Clicks today (UTC)</header>
          <p class="figure" safe>{String(props.clicksToday)}</p>
          <a href="/publisher/reports">See clicks by day and sub-ID</a>
        </article>
      </div>
      <section>
        <h2>Latest notifications</h2>
        {props.notifications.length === 0 ? (
          <p class="muted">No notifications yet.</p>
        ) : (
          <ul class="notifications">
            {props.notifications.map((note) => (
              <li class={note.readAt ? "read" : "unread"}>
                <TimeStamp date={note.createdAt} />{" "}
                {note.link ? (
                  <a href={note.link} safe>
                    {note.message}
                  </a>
                ) : (
                  <span safe>{note.message}</span>
                )}
              </li>
            ))}
          </ul>
        )}
        <a href="/publisher/notifications">All notifications</a>
      </section>
      {props.approvedLinks === 0 ? (
        <p>
          Start under Offers → Smartlinks: pick a smartlink, apply, and your tracking link appears once you are approved.
        </p>
      ) : (
        ""
      )}
    </Page>
  );
}
