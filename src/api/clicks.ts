/** `GET /clicks`: newest first, keyset pagination by click id (see `list-clicks.ts`). */
import { Elysia } from "elysia";
import type { Db } from "../db/client";
import { CLICKS_LIMIT_DEFAULT, listClicks } from "../clicks/list-clicks";
import { clickJson } from "./json";
import { clicksQuery } from "./models";

/**
 * `GET /clicks?smartlink_id=&publisher_id=&limit=&cursor=` -> `{clicks, next_cursor}`; limit
 * default 50, at most 1000; `next_cursor` is null on the last page.
 */
export function clicksApi(db: Db) {
  return new Elysia({ prefix: "/clicks" }).get(
    "/",
    async ({ query }) => {
      const page = await listClicks(db, {
        smartlinkId: query.smartlink_id === undefined ? undefined : Number(query.smartlink_id),
        publisherId: query.publisher_id === undefined ? undefined : Number(query.publisher_id),
        limit: query.limit === undefined ? CLICKS_LIMIT_DEFAULT : Number(query.limit),
        cursor: query.cursor,
      });
      return { clicks: page.clicks.map(clickJson), next_cursor: page.nextCursor };
    },
    { query: clicksQuery },
  );
}
