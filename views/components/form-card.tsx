/**
 * A short create form in a card: `<article>` with a heading, an optional intro, and a plain POST
 * form carrying the CSRF field, the caller's fields (usually `FormField`s) and one submit button.
 */
import { Html } from "@elysiajs/html";
import type { Children } from "@kitajs/html";

export interface FormCardProps {
  /** The card's `<h2>` (plain text, escaped here). */
  title: string;
  /** Shown between the heading and the form (e.g. a `<p class="muted">`); rendered as given. */
  intro?: JSX.Element;
  /** URL the form posts to. */
  action: string;
  /** The viewer's CSRF token. */
  csrfToken: string;
  /** The submit button's text (plain text, escaped here). */
  submitLabel: string;
  /** The form's fields. */
  children?: Children;
}

export function FormCard({ title, intro, action, csrfToken, submitLabel, children }: FormCardProps) {
  return (
    <article>
      <h2 safe>{title}</h2>
      {intro === undefined ? "" : intro}
      <form method="post" action={action}>
        <input type="hidden" name="_csrf" value={csrfToken} />
        {children}
        <button type="submit" safe>
          {submitLabel}
        </button>
      </form>
    </article>
  );
}
