/** Says why a publisher whose account is not active cannot apply for smartlinks yet. */
import { Html } from "@elysiajs/html";
import type { PublisherStatus } from "../../src/publishers/publisher-service";
import { Flash } from "../components/flash";

/** Nothing for an active account; else why it cannot apply. */
export function AccountNotice({ status }: { status: PublisherStatus }) {
  if (status === "active") return "";
  return (
    <Flash
      kind="error"
      message={
        status === "pending"
          ? "Your account awaits activation by your network admin. You can browse smartlinks now and apply once it is active."
          : "Your account is suspended. Contact your network admin."
      }
    />
  );
}
