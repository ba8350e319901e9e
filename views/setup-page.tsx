/**
 * First-admin set-up (`/setup?token=<token>`, the link a fresh instance prints at start): name,
 * e-mail and password of the network's first admin. When the link does not work (unknown,
 * used, expired, or an admin exists) only `problem` is shown.
 */
import { Html } from "@elysiajs/html";
import { Page } from "./layouts/page";
import { FormField } from "./components/form-field";
import { fieldMessage, NewPasswordField } from "./publisher/new-password-field";

export interface SetupPageProps {
  /** The set-up token, sent back in a hidden field; absent with `problem`. */
  token?: string;
  /** Why the link cannot be used (plain text); replaces the form. */
  problem?: string;
  /** Values as typed. */
  name?: string;
  email?: string;
  /** Messages by field (`name`, `email`, `password`), as in a `ValidationError`. */
  errors?: Record<string, string>;
  /** Shortest accepted password. */
  passwordMin: number;
}

/** The set-up form, or only the reason when the link cannot be used. */
export function SetupPage({ token, problem, name = "", email = "", errors = {}, passwordMin }: SetupPageProps) {
  if (problem !== undefined || token === undefined) {
    return (
      <Page title="Set-up link" viewer={null}>
        <article class="narrow">
          <h1>Set-up link</h1>
          <p class="flash error" role="alert" safe>
            {problem ?? "This set-up link does not work."}
          </p>
          <p>
            <a href="/login">Sign in</a>
          </p>
        </article>
      </Page>
    );
  }
  return (
    <Page title="Create the first admin" viewer={null}>
      <article class="narrow">
        <h1>Create the first admin</h1>
        <p class="muted">This network has no admin yet. The account you create here signs in to the admin portal.</p>
        <form method="post" action="/setup" novalidate>
          <input type="hidden" name="token" value={token} />
          <FormField label="Your name" name="name" value={name} error={fieldMessage(errors, "Name", "name")} required autocomplete="name" />
          <FormField label="Email" name="email" type="email" value={email} error={fieldMessage(errors, "Email", "email")} required autocomplete="username" />
          <NewPasswordField passwordMin={passwordMin} error={fieldMessage(errors, "Password", "password")} />
          <button type="submit">Create admin</button>
        </form>
      </article>
    </Page>
  );
}
