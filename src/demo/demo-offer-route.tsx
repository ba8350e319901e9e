/**
 * GET /demo/offers/:id: the demo network's advertiser landing pages, served by the app itself
 * so the embedded demo works offline. Shows the offer reached and the click_id and sub-IDs.
 */
import { Elysia } from "elysia";
import { html, Html } from "@elysiajs/html";
import { DemoOfferPage } from "../../views/demo/demo-offer-page";

export function demoOfferRoute() {
  return new Elysia({ name: "demo-offer" })
    .use(html())
    .get("/demo/offers/:id", ({ params, request }) => (
      <DemoOfferPage offerId={params.id} params={[...new URL(request.url).searchParams.entries()]} />
    ));
}
