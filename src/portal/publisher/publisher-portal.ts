/** The publisher portal: sign-up and every /publisher route module. */
import { Elysia } from "elysia";
import type { AppDeps } from "../../app";

export function publisherPortal(deps: AppDeps) {
  return new Elysia({ name: "publisher-portal" });
}
