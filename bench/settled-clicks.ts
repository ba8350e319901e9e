/**
 * Wait for the app's click buffer to drain, then count the clicks in its database.
 */
import type { Sql } from "postgres";

export interface SettledClicks {
  /** Rows in `clicks`. */
  count: number;
  /** Clicks the app dropped because its buffer was full (/readyz `clicks.dropped`). */
  dropped: number;
}

interface Health {
  clicks: { buffered: number; written: number; dropped: number };
}

/**
 * Poll /readyz and `count(*)` until nothing is buffered and the table holds exactly what the
 * app says it wrote, on two polls in a row 300 ms apart (a batch being inserted is neither
 * buffered nor written yet, so one poll is not enough).
 * @throws when that does not happen within `timeoutMs`
 */
export async function settledClicks(appUrl: string, sql: Sql, timeoutMs: number): Promise<SettledClicks> {
  const deadline = Date.now() + timeoutMs;
  let previous: number | null = null;
  for (;;) {
    const health = (await (await fetch(`${appUrl}/readyz`)).json()) as Health;
    const [row] = await sql<{ count: number }[]>`select count(*)::int as count from clicks`;
    const count = row!.count;
    const settled = health.clicks.buffered === 0 && count === health.clicks.written;
    if (settled && count === previous) return { count, dropped: health.clicks.dropped };
    previous = settled ? count : null;
    if (Date.now() > deadline) {
      const state = `${JSON.stringify(health.clicks)}, ${count} in table`;
      throw new Error(`clicks did not settle within ${timeoutMs} ms: ${state}`);
    }
    await Bun.sleep(300);
  }
}
