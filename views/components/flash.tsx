/** A one-line message at the top of a page or form: success (green) or error (red, announced). */
import { Html } from "@elysiajs/html";

export interface FlashProps {
  /** Plain text, escaped here; nothing is rendered when empty. */
  message?: string;
  /** Default `success`. */
  kind?: "success" | "error";
}

export function Flash({ message, kind = "success" }: FlashProps) {
  if (!message) return "";
  return kind === "error" ? (
    <p class="flash error" role="alert" safe>
      {message}
    </p>
  ) : (
    <p class="flash" role="status" safe>
      {message}
    </p>
  );
}
