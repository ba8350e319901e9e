/**
 * The signed-in user's account page (`/admin/account`, `/publisher/account`): change the
 * password (current password required; other sessions end) and sign out everywhere.
 */
import { Html } from "@elysiajs/html";
import { Page, type Viewer } from "../layouts/page";
import { FormField } from "../components/form-field";
import { Flash } from "../components/flash";
import { fieldMessage } from "../publisher/new-password-field";

export interface AccountPageProps {
  viewer: Viewer;
  /** The user's sign-in e-mail. */
  email: string;
  /** `/admin/account` or `/publisher/account`: the forms post below it. */
  base: string;
  /** Shortest accepted password. */
  passwordMin: number;
  /** A fixed success sentence (chosen by key by the route). */
  notice?: string;
  /** A fixed error sentence for the whole form (limits, busy). */
  error?: string;
  /** Messages by field (`current_password`, `new_password`). */
  errors?: Record<string, string>;
}

export function AccountPage({ viewer, email, base, passwordMin, notice, error, errors = {} }: AccountPageProps) {
  return (
    <Page title="Account" viewer={viewer}>
      <h1>Account</h1>
      <p>
        Signed in as <strong safe>{email}</strong>.
      </p>
      <Flash message={notice} />
      <Flash message={error} kind="error" />
      <article>
        <h2>Change password</h2>
        <form method="post" action={`${base}/password`} novalidate>
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <input type="text" name="username" value={email} autocomplete="username" hidden />
          <FormField
            label="Current password"
            name="current_password"
            type="password"
            error={fieldMessage(errors, "Current password", "current_password")}
            required
            autocomplete="current-password"
          />
          <FormField
            label="New password"
            name="new_password"
            type="password"
            error={fieldMessage(errors, "New password", "new_password")}
            hint={`At least ${passwordMin} characters. Your other sessions end.`}
            required
            autocomplete="new-password"
            attrs={{ minlength: String(passwordMin) }}
          />
          <button type="submit">Change password</button>
        </form>
      </article>
      <article>
        <h2>Sessions</h2>
        <p>Signed in on a device you no longer use? End every session, this one included.</p>
        <form method="post" action={`${base}/sign-out-everywhere`}>
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <button type="submit" class="secondary">
            Sign out everywhere
          </button>
        </form>
      </article>
    </Page>
  );
}
