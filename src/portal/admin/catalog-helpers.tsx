/**
 * Small answers shared by the admin catalog route modules (campaigns, publishers, tracking
 * domains, API keys): form validation results, the in-place action answer, and the 404 page.
 */
import { t } from "elysia";
import { Html } from "@elysiajs/html";
import { NotFoundError, ValidationError } from "../../errors";
import { Page, type Viewer } from "../../../views/layouts/page";
import { isHtmx } from "../portal-section";

const MAX_ID = 2_147_483_647;

/**
 * Route parameter schema of an entity id: canonical digits of a positive int4, decoded to a
 * number. Anything else (`1.5`, `-1`, `1e3`, `0x10`, `99999999999`) fails validation before any
 * query runs, and the app's error handler answers a path parameter that does not fit with 404.
 */
export const idParam = () =>
  t
    .Transform(t.String({ pattern: "^[1-9][0-9]{0,9}$" }))
    .Decode((digits) => {
      const id = Number(digits);
      // Thrown as is by Elysia's decoding (not as a VALIDATION error): the error handler's 404.
      if (id > MAX_ID) throw new NotFoundError("id", digits);
      return id;
    })
    .Encode(String);

/** Outcome of a service call made for a form: its value, or the field errors to show. */
export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/**
 * Run `call`; a `ValidationError` becomes `{ ok: false, errors }` (snake_case field names as
 * the form fields), any other error is rethrown.
 */
export async function submitForm<T>(call: () => Promise<T>): Promise<FormResult<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    if (err instanceof ValidationError) return { ok: false, errors: err.errors };
    throw err;
  }
}

/**
 * The answer to an in-place row action: for htmx the rendered `row` (an empty string removes
 * the row), otherwise a 303 back to `listPath`.
 */
export function rowOrRedirect(request: Request, row: JSX.Element, listPath: string): JSX.Element | Response {
  if (isHtmx(request)) return row;
  return new Response(null, { status: 303, headers: { location: listPath } });
}

/** A full 404 page saying that the `entity` asked for does not exist (any more). */
function notFoundPage(viewer: Viewer, entity: string, listPath: string): Response {
  const html = (
    <Page title="Not found" viewer={viewer}>
      <article>
        <h1>Not found</h1>
        <p safe>{`This ${entity} does not exist. It may have been deleted.`}</p>
        <p>
          <a href={listPath}>Back to the list</a>
        </p>
      </article>
    </Page>
  ) as string;
  return new Response(html, { status: 404, headers: { "content-type": "text/html; charset=utf-8" } });
}

/**
 * Run `call`; a `NotFoundError` becomes the 404 page (as `notFoundPage`), anything else is
 * rethrown.
 */
export async function orNotFound<T>(viewer: Viewer, entity: string, listPath: string, call: () => Promise<T>): Promise<T | Response> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof NotFoundError) return notFoundPage(viewer, entity, listPath);
    throw err;
  }
}
