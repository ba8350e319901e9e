/**
 * `/reset-password?token=...`: choose a new password with a one-time link from an admin. When the
 * link does not work (unknown, used, expired) only `problem` is shown.
 */
import { Html } from "@elysiajs/html";
import { Page } from "./layouts/page";
import { FormField } from "./components/form-field";
import { fieldMessage, NewPasswordField } from "./publisher/new-password-field";

export interface ResetPasswordPageProps {
  /** The token, sent back in a hidden field; absent with `problem`. */
  token?: string;
  /** The account's e-mail (the link's holder already knows it). */
  email?: string;
  /** Why the link cannot be used (a fixed sentence); replaces the form. */
  problem?: string;
  /** Messages by field (`password`). */
  errors?: Record<string, string>;
  passwordMin: number;
}

export function ResetPasswordPage({ token, email, problem, errors = {}, passwordMin }: ResetPasswordPageProps) {
  return (
    <Page title="Choose a new password" viewer={null}>
      <article class="narrow">
        <h1>Choose a new password</h1>
        {problem !== undefined || token === undefined ? (
          <>
            <p class="flash error" role="alert" safe>
              {problem ?? "This password reset link does not work."}
            </p>
            <p>
              <a href="/login">Go to sign-in</a>
            </p>
          </>
        ) : (
          <form method="post" action="/reset-password" novalidate>
            <input type="hidden" name="token" value={token} />
            <FormField label="Email" name="email" type="email" value={email ?? ""} autocomplete="username" attrs={{ readonly: "" }} />
            <NewPasswordField passwordMin={passwordMin} error={fieldMessage(errors, "Password", "password")} />
            <p class="muted">Setting a new password signs you out on every device.</p>
            <button type="submit">Set password</button>
          </form>
        )}
      </article>
    </Page>
  );
}
