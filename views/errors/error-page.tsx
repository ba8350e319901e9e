/**
 * The portal's error pages (400, 403, 404, 413, 500) in the normal layout. Every text shown is a
 * fixed sentence or a field message of our own: never the submitted values, SQL or a stack.
 */
import { Html } from "@elysiajs/html";
import { Page } from "../layouts/page";

export interface ErrorPageProps {
  status: number;
  title: string;
  message: string;
  /** Field messages (`field: message`), e.g. for a form that could not be read. */
  problems?: Record<string, string>;
  /** Shown on 500 pages so a user can quote it to the operator (it is in the server log). */
  requestId?: string;
  /** Where the way-out link goes, and its label. */
  back?: { href: string; label: string };
}

/** The whole page for an error answer. */
export function ErrorPage({ status, title, message, problems, requestId, back }: ErrorPageProps) {
  const link = back ?? { href: "/", label: "Go to your start page" };
  return (
    <Page title={title} viewer={null}>
      <article class="narrow">
        <hgroup>
          <h1 safe>{title}</h1>
          <p class="muted" safe>{`Error ${status}`}</p>
        </hgroup>
        <p safe>{message}</p>
        {problems && Object.keys(problems).length > 0 ? (
          <ul>
            {Object.entries(problems).map(([field, problem]) => (
              <li>
                <code safe>{field}</code> <span safe>{problem}</span>
              </li>
            ))}
          </ul>
        ) : (
          ""
        )}
        {requestId ? (
          <p class="muted">
            Request id: <code safe>{requestId}</code>
          </p>
        ) : (
          ""
        )}
        <p>
          <a href={link.href} safe>
            {link.label}
          </a>
        </p>
      </article>
    </Page>
  );
}

/** `ErrorPage` as a complete HTML `Response` with `status`. */
export function errorPageResponse(props: ErrorPageProps): Response {
  return new Response((<ErrorPage {...props} />) as string, {
    status: props.status,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}
