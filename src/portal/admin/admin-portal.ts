/** The admin portal: every /admin route module, each guarded by `portalSection(deps, "admin")`. */
import { Elysia } from "elysia";
import type { AppDeps } from "../../app";

export function adminPortal(deps: AppDeps) {
  return new Elysia({ name: "admin-portal" });
}
