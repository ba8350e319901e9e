/** `/campaigns`: create, list, read, update, delete (see `campaign-service.ts`). */
import { Elysia, status } from "elysia";
import type { Db } from "../db/client";
import {
  createCampaign,
  deleteCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
  type CampaignPatch,
} from "../campaigns/campaign-service";
import { campaignJson } from "./json";
import { campaignCreate, campaignPatch } from "./models";
import { parseId } from "./params";

type CampaignBody = typeof campaignPatch.static;

function toInput(body: CampaignBody): CampaignPatch {
  return {
    name: body.name,
    destinationUrl: body.destination_url,
    payout: body.payout,
    revenue: body.revenue,
    status: body.status,
  };
}

/** The campaign routes (mounted under `/api/v1` by `apiV1`, which adds auth and error answers). */
export function campaignsApi(db: Db) {
  return new Elysia({ prefix: "/campaigns" })
    .post(
      "/",
      async ({ body }) => {
        const input = { ...toInput(body), name: body.name, destinationUrl: body.destination_url };
        return status(201, campaignJson(await createCampaign(db, input)));
      },
      { body: campaignCreate },
    )
    .get("/", async () => ({ campaigns: (await listCampaigns(db)).map(campaignJson) }))
    .get("/:id", async ({ params }) => campaignJson(await getCampaign(db, parseId(params.id, "campaign"))))
    .patch(
      "/:id",
      async ({ params, body }) => campaignJson(await updateCampaign(db, parseId(params.id, "campaign"), toInput(body))),
      { body: campaignPatch },
    )
    .delete("/:id", async ({ params }) => {
      await deleteCampaign(db, parseId(params.id, "campaign"));
      return status(204);
    });
}
