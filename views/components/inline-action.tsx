/**
 * A one-button form for an in-place action on a list row (Pause, Resume, Suspend, Revoke,
 * Remove, ...). Without JavaScript it is a normal POST (with the CSRF field); with htmx it posts
 * in the background and swaps `target` (default: the enclosing table row) with the answer, so
 * the route answers htmx with the new row (or nothing, to remove it) and others with a redirect.
 */
import { Html } from "@elysiajs/html";

export interface InlineActionProps {
  /** URL the form posts to. */
  action: string;
  /** Visible button text (a fixed word, not user data). */
  label: string;
  /** The viewer's CSRF token. */
  csrfToken: string;
  /** htmx target selector; default `closest tr`. */
  target?: string;
  /** Question for a confirmation dialog before posting (irreversible actions). */
  confirm?: string;
  /** Button look: `secondary` (default) or `danger` for destructive actions. */
  variant?: "secondary" | "danger";
}

export function InlineAction({ action, label, csrfToken, target = "closest tr", confirm, variant = "secondary" }: InlineActionProps) {
  return (
    <form method="post" action={action} class="inline" hx-post={action} hx-target={target} hx-swap="outerHTML" hx-confirm={confirm}>
      <input type="hidden" name="_csrf" value={csrfToken} />
      <button type="submit" class={variant === "danger" ? "small outline danger" : "small secondary outline"} safe>
        {label}
      </button>
    </form>
  );
}
