/** A date as `2026-01-31 14:05 UTC` in a `<time datetime>` element. */
import { Html } from "@elysiajs/html";

/** `date` as `YYYY-MM-DD HH:MM UTC`. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function TimeStamp({ date }: { date: Date }) {
  return (
    <time datetime={date.toISOString()} safe>
      {formatUtc(date)}
    </time>
  );
}
