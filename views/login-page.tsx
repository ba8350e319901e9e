/** Sign-in form for admins and publishers. */
import { Html } from "@elysiajs/html";
import { Page } from "./layouts/page";

export interface LoginPageProps {
  email?: string;
  /** Where to go after signing in (a portal path). */
  next?: string;
  error?: string;
  notice?: string;
}

export function LoginPage({ email = "", next = "", error, notice }: LoginPageProps) {
  return (
    <Page title="Sign in" viewer={null}>
      <article class="narrow">
        <h1>Sign in</h1>
        {notice ? (
          <p class="flash" safe>
            {notice}
          </p>
        ) : (
          ""
        )}
        {error ? (
          <p class="flash error" role="alert" safe>
            {error}
          </p>
        ) : (
          ""
        )}
        <form method="post" action="/login">
          <input type="hidden" name="next" value={next} />
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={email} />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit">Sign in</button>
        </form>
        <p>
          New publisher? <a href="/signup">Create a publisher account</a>
        </p>
      </article>
    </Page>
  );
}
