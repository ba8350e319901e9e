/** Publisher sign-up: name, email, password. */
import { Html } from "@elysiajs/html";
import { Page } from "../layouts/page";
import { FormField } from "../components/form-field";
import { fieldMessage, NewPasswordField } from "./new-password-field";

export interface SignupPageProps {
  name?: string;
  email?: string;
  /** Messages by field (`name`, `email`, `password`), as in a `ValidationError`. */
  errors?: Record<string, string>;
  /** Shortest accepted password. */
  passwordMin: number;
}

/** The whole sign-up page, with the typed values and field errors after a failed POST. */
export function SignupPage({ name = "", email = "", errors = {}, passwordMin }: SignupPageProps) {
  return (
    <Page title="Create a publisher account" viewer={null}>
      <article class="narrow">
        <h1>Create a publisher account</h1>
        <p class="muted">Sign up to promote your network's smartlinks: one link per smartlink, every click credited to you.</p>
        <form method="post" action="/signup" novalidate>
          <FormField label="Name" name="name" value={name} error={fieldMessage(errors, "Name", "name")} hint="You or your company, as your network will see it." required autocomplete="organization" />
          <FormField label="Email" name="email" type="email" value={email} error={fieldMessage(errors, "Email", "email")} required autocomplete="email" />
          <NewPasswordField passwordMin={passwordMin} error={fieldMessage(errors, "Password", "password")} />
          <button type="submit">Create account</button>
        </form>
        <p>
          Already have an account? <a href="/login">Sign in</a>
        </p>
      </article>
    </Page>
  );
}
