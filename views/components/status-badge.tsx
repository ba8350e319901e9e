/** A coloured pill for an entity's status (`active`, `paused`, `pending`, `suspended`, ...). */
import { Html } from "@elysiajs/html";

export interface StatusBadgeProps {
  /** The stored status; also the CSS class (see `.status.*` in public/app.css). */
  status: string;
  /** Visible text; default: `status` with a capital first letter. */
  label?: string;
}

export function StatusBadge({ status, label }: StatusBadgeProps) {
  const text = label ?? status.charAt(0).toUpperCase() + status.slice(1);
  return (
    <span class={`status ${status}`} safe>
      {text}
    </span>
  );
}
