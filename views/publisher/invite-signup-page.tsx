/**
 * Sign-up from an admin's invite link (`/signup?invite=<token>`): the publisher's name and
 * e-mail (fixed by the invite), then "Your name" and "Password". When the invite does not work
 * (unknown, used, expired, or the publisher already has a sign-in) only `problem` is shown.
 */
import { Html } from "@elysiajs/html";
import { Page } from "../layouts/page";
import { FormField } from "../components/form-field";
import { fieldMessage, NewPasswordField } from "./new-password-field";

export interface InviteSignupPageProps {
  /** The invite token, sent back in a hidden field; absent with `problem`. */
  token?: string;
  /** The invited publisher; absent with `problem`. */
  publisher?: { name: string; email: string };
  /** Why the invite cannot be used (plain text); replaces the form. */
  problem?: string;
  /** "Your name" as typed. */
  name?: string;
  /** Messages by field (`name`, `password`), as in a `ValidationError`. */
  errors?: Record<string, string>;
  /** Shortest accepted password. */
  passwordMin: number;
}

/** The invite sign-up page, or only the reason when the invite cannot be used. */
export function InviteSignupPage({ token, publisher, problem, name = "", errors = {}, passwordMin }: InviteSignupPageProps) {
  if (problem !== undefined || token === undefined || publisher === undefined) {
    return (
      <Page title="Invite link" viewer={null}>
        <article class="narrow">
          <h1>Invite link</h1>
          <p class="flash error" role="alert" safe>
            {problem ?? "This invite link does not work."}
          </p>
          <p>
            Already have an account? <a href="/login">Sign in</a>. New here? <a href="/signup">Create an account</a>.
          </p>
        </article>
      </Page>
    );
  }
  return (
    <Page title="Set up your publisher account" viewer={null}>
      <article class="narrow">
        <h1>Set up your publisher account</h1>
        <p>
          Your network invited <strong safe>{publisher.name}</strong> to its publisher portal. Choose your name and a
          password to sign in.
        </p>
        <form method="post" action="/signup" novalidate>
          <input type="hidden" name="invite" value={token} />
          <FormField
            label="Email"
            name="email"
            type="email"
            value={publisher.email}
            hint="Your sign-in e-mail, set by your network."
            autocomplete="username"
            attrs={{ readonly: "" }}
          />
          <FormField label="Your name" name="name" value={name} error={fieldMessage(errors, "Name", "name")} required autocomplete="name" />
          <NewPasswordField passwordMin={passwordMin} error={fieldMessage(errors, "Password", "password")} />
          <button type="submit">Create account</button>
        </form>
      </article>
    </Page>
  );
}
