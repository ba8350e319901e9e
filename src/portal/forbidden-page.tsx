/** 403 page for CSRF failures and for a signed-in user on another portal's page. */
import { errorPageResponse } from "../../views/errors/error-page";

/**
 * @param message a fixed sentence (not user input) saying why
 * @param back the way out; default the sign-in page (for CSRF failures of signed-out visitors)
 */
export function forbiddenPage(message: string, back = { href: "/login", label: "Go to sign-in" }): Response {
  return errorPageResponse({ status: 403, title: "Forbidden", message, back });
}
