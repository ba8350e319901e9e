/**
 * Start-up warm-up of the route cache: the codes with the most clicks in the last hour are
 * loaded before the port opens, so a start or restart under traffic does not begin with a miss
 * per code.
 */
import type { Database } from "../db/client";
import { withDeadline } from "../db/with-deadline";
import { recentlyClickedCodes } from "./load-plan";
import type { RouteCache } from "./route-cache";

/** How far back the warm-up looks for traffic (ms). */
const RECENT_MS = 3_600_000;
/** The warm-up is given this long (ms); a slower database only means a colder start. */
const WARM_DEADLINE_MS = 5000;

/**
 * Load the `limit` busiest codes of the last hour into `routes` (0 = nothing).
 * Never throws: a failure or a timeout is logged and the start goes on.
 */
export async function warmRouteCache(
  database: Database,
  routes: RouteCache,
  limit: number,
  logError: (message: string, err: unknown) => void,
): Promise<void> {
  if (limit === 0) return;
  const warm = async () => routes.warm(await recentlyClickedCodes(database.db, RECENT_MS, limit));
  await withDeadline(warm(), WARM_DEADLINE_MS, "route cache warm-up").catch((err) =>
    logError("route cache warm-up failed", err),
  );
}
