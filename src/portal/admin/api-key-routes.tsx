/**
 * Admin API keys page:
 * - GET  /admin/api-keys             list and the create form
 * - POST /admin/api-keys             create; the page with the new key shown once, or 422
 * - POST /admin/api-keys/:id/revoke  in place; htmx: the new row, else 303
 */
import { t } from "elysia";
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import type { Db } from "../../db/client";
import { createApiKey, listApiKeys, revokeApiKey } from "../../auth/api-keys";
import { NotFoundError } from "../../errors";
import { checkText, FieldErrors, LIMITS } from "../../validation";
import type { Viewer } from "../../../views/layouts/page";
import { ApiKeyRow } from "../../../views/admin/api-keys/api-key-row";
import { ApiKeysPage, type ApiKeysPageProps } from "../../../views/admin/api-keys/api-keys-page";
import { portalSection } from "../portal-section";
import { idParam, orNotFound, rowOrRedirect, submitForm } from "./catalog-helpers";

const LIST = "/admin/api-keys";

/**
 * Create a key named `name` (trimmed, 1..200 characters).
 * @returns the trimmed name and the plain key (shown once)
 * @throws ValidationError `{name}`
 */
async function createNamedKey(db: Db, name: string): Promise<{ name: string; apiKey: string }> {
  const errors = new FieldErrors();
  const checked = checkText(errors, "name", name, 1, LIMITS.nameMax);
  errors.throwIfAny();
  const { key } = await createApiKey(db, checked!);
  return { name: checked!, apiKey: key };
}

/**
 * Revoke key `id`.
 * @returns the key as listed after revoking
 * @throws NotFoundError when it does not exist
 */
async function revokeAndRead(db: Db, id: number) {
  const found = (await revokeApiKey(db, id)) && (await listApiKeys(db)).find((k) => k.id === id);
  if (!found) throw new NotFoundError("API key", id);
  return found;
}

/** The API keys page set (see the module comment), admin only. */
export function apiKeyRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const page = async (viewer: Viewer, form: ApiKeysPageProps["form"], created?: ApiKeysPageProps["created"]) => (
    <ApiKeysPage viewer={viewer} apiKeys={await listApiKeys(db)} form={form} created={created} />
  );
  return portalSection(deps, "admin")
    .get(LIST, ({ viewer }) => page(viewer, { name: "" }))
    .post(
      LIST,
      async ({ viewer, body, set }) => {
        const name = body.name ?? "";
        const result = await submitForm(() => createNamedKey(db, name));
        // No redirect: the key exists only in this answer. Never cache it.
        set.headers["cache-control"] = "no-store";
        if (result.ok) return page(viewer, { name: "" }, result.value);
        set.status = 422;
        return page(viewer, { name, error: result.errors.name });
      },
      { body: t.Object({ _csrf: t.Optional(t.String()), name: t.Optional(t.String()) }) },
    )
    .post(
      `${LIST}/:id/revoke`,
      async ({ viewer, params, request }) => {
        const apiKey = await orNotFound(viewer, "API key", LIST, () => revokeAndRead(db, params.id));
        if (apiKey instanceof Response) return apiKey;
        return rowOrRedirect(request, <ApiKeyRow apiKey={apiKey} csrfToken={viewer.csrfToken} />, LIST);
      },
      { params: t.Object({ id: idParam() }) },
    );
}
