/**
 * The client address of a portal request (for sign-in rate limits), read with the same
 * trusted-proxy rule as the redirect path.
 */
import type { Server } from "bun";
import type { AppDeps } from "../app";
import { clientIp } from "../visitor/client-ip";

/** @returns the address, or "unknown" when none can be read */
export function clientAddress(deps: AppDeps, request: Request, server: Server<unknown> | null): string {
  const socket = server?.requestIP(request)?.address ?? null;
  return clientIp(socket, request.headers.get("x-forwarded-for"), deps.config.trustProxy) ?? "unknown";
}
