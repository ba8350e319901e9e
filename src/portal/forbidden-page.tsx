/** 403 page for CSRF failures and for a signed-in user on another portal's page. */
import { Html } from "@elysiajs/html";
import { Page } from "../../views/layouts/page";

/** @param message a fixed sentence (not user input) saying why */
export function forbiddenPage(message: string): Response {
  const html = (
    <Page title="Forbidden" viewer={null}>
      <article>
        <h1>Forbidden</h1>
        <p safe>{message}</p>
        <p>
          <a href="/login">Go to sign-in</a>
        </p>
      </article>
    </Page>
  ) as string;
  return new Response(html, { status: 403, headers: { "content-type": "text/html; charset=utf-8" } });
}
