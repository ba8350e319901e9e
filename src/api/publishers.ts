/** `/publishers`: create, list, read, update (see `publisher-service.ts`). */
import { Elysia, status } from "elysia";
import type { Db } from "../db/client";
import { createPublisher, getPublisher, listPublishers, updatePublisher } from "../publishers/publisher-service";
import { publisherJson } from "./json";
import { publisherCreate, publisherPatch } from "./models";
import { parseId } from "./params";

/** The publisher routes (mounted under `/api/v1` by `apiV1`, which adds auth and error answers). */
export function publishersApi(db: Db) {
  return new Elysia({ prefix: "/publishers" })
    .post("/", async ({ body }) => status(201, publisherJson(await createPublisher(db, body))), {
      body: publisherCreate,
    })
    .get("/", async () => ({ publishers: (await listPublishers(db)).map(publisherJson) }))
    .get("/:id", async ({ params }) => publisherJson(await getPublisher(db, parseId(params.id, "publisher"))))
    .patch(
      "/:id",
      async ({ params, body }) => publisherJson(await updatePublisher(db, parseId(params.id, "publisher"), body)),
      { body: publisherPatch },
    );
}
