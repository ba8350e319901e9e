/** 404 inside the publisher portal (also for things that exist but are not this publisher's). */
import { Html } from "@elysiajs/html";
import { Page, type Viewer } from "../layouts/page";

/** The whole 404 page. */
export function NotFoundPage({ viewer }: { viewer: Viewer }) {
  return (
    <Page title="Not found" viewer={viewer}>
      <h1>Not found</h1>
      <p>This page does not exist, or it is not available to your account.</p>
      <p>
        <a href="/publisher/smartlinks">Back to Smartlinks</a>
      </p>
    </Page>
  );
}
