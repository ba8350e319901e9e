/**
 * `/smartlinks`: create, list, read (with pool and publishers), update (a given `pool` replaces
 * the pool), delete, and `POST /smartlinks/:id/publishers` (an admin approving a publisher
 * directly). See `smartlink-service.ts`.
 */
import { Elysia, status } from "elysia";
import type { Db } from "../db/client";
import {
  createSmartlink,
  deleteSmartlink,
  getSmartlink,
  listSmartlinks,
  updateSmartlink,
  type SmartlinkPatch,
} from "../smartlinks/smartlink-service";
import { approveAccess } from "../smartlinks/access-service";
import { accessJson, smartlinkDetailJson, smartlinkJson } from "./json";
import { grantBody, smartlinkCreate, smartlinkPatch } from "./models";
import { parseId } from "./params";

type SmartlinkBody = typeof smartlinkPatch.static;

function toInput(body: SmartlinkBody): SmartlinkPatch {
  return {
    name: body.name,
    description: body.description,
    tags: body.tags,
    visibility: body.visibility,
    trackingDomain: body.tracking_domain,
    fallbackUrl: body.fallback_url,
    status: body.status,
    rotation: body.rotation,
    optimizeFor: body.optimize_for,
    explorationClicks: body.exploration_clicks,
    pool: body.pool?.map((e) => ({
      campaignId: e.campaign_id,
      weight: e.weight,
      priority: e.priority,
      countries: e.countries,
      devices: e.devices,
    })),
  };
}

/**
 * The smartlink routes (mounted under `/api/v1` by `apiV1`, which adds auth and error answers).
 * @param publicUrl base URL of tracking links (`AppDeps.publicUrl`), read per request
 */
export function smartlinksApi(db: Db, publicUrl: () => string) {
  return new Elysia({ prefix: "/smartlinks" })
    .post(
      "/",
      async ({ body }) =>
        status(201, smartlinkDetailJson(await createSmartlink(db, { ...toInput(body), name: body.name }), publicUrl())),
      { body: smartlinkCreate },
    )
    .get("/", async () => ({ smartlinks: (await listSmartlinks(db)).map(smartlinkJson) }))
    .get("/:id", async ({ params }) =>
      smartlinkDetailJson(await getSmartlink(db, parseId(params.id, "smartlink")), publicUrl()),
    )
    .patch(
      "/:id",
      async ({ params, body }) =>
        smartlinkDetailJson(await updateSmartlink(db, parseId(params.id, "smartlink"), toInput(body)), publicUrl()),
      { body: smartlinkPatch },
    )
    .delete("/:id", async ({ params }) => {
      await deleteSmartlink(db, parseId(params.id, "smartlink"));
      return status(204);
    })
    .post(
      "/:id/publishers",
      // 201 when the access row is new, 200 when an existing one (pending, declined or already
      // approved) was approved; the link code never changes.
      async ({ params, body }) => {
        const { access, created, trackingDomain } = await approveAccess(
          db,
          parseId(params.id, "smartlink"),
          body.publisher_id,
        );
        return status(created ? 201 : 200, accessJson(access, trackingDomain, publicUrl()));
      },
      { body: grantBody },
    );
}
