/** Confirmation before deleting a smartlink: says which tracking links stop working. */
import { Html } from "@elysiajs/html";
import type { SmartlinkDetail } from "../../../src/smartlinks/smartlink-service";
import { Page, type Viewer } from "../../layouts/page";

export function DeleteSmartlinkPage({ viewer, smartlink }: { viewer: Viewer; smartlink: SmartlinkDetail }) {
  const linked = smartlink.publishers.filter((p) => p.status === "approved").length;
  const who =
    linked === 0
      ? "No publisher has a live link on it yet."
      : `${linked} ${linked === 1 ? "publisher has" : "publishers have"} a live link on it.`;
  return (
    <Page title={`Delete ${smartlink.name}`} viewer={viewer}>
      <article class="narrow">
        <h1>Delete smartlink?</h1>
        <p>
          <strong safe>{smartlink.name}</strong> and its offer pool will be removed.{" "}
          <span safe>{who}</span>
        </p>
        <p role="alert">
          The publishers' tracking links stop working: their clicks will reach a "link not found" page. To stop
          traffic only for a while, pause the smartlink instead.
        </p>
        <form method="post" action={`/admin/smartlinks/${smartlink.id}/delete`} class="actions">
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <button type="submit" class="danger">
            Delete smartlink
          </button>
          <a href={`/admin/smartlinks/${smartlink.id}`} class="button secondary outline">
            Cancel
          </a>
        </form>
      </article>
    </Page>
  );
}
