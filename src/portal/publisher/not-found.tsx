/** The publisher portal's 404 answer. */
import { Html } from "@elysiajs/html";
import type { Viewer } from "../../../views/layouts/page";
import { NotFoundPage } from "../../../views/publisher/not-found-page";

/** Set status 404 and render the not-found page. */
export function notFound(set: { status?: number | string }, viewer: Viewer): JSX.Element {
  set.status = 404;
  return <NotFoundPage viewer={viewer} />;
}
