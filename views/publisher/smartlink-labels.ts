/** Publisher-facing words for smartlink settings and access states. */
import type { AccessStatus, RotationMode, SmartlinkVisibility } from "../../src/smartlinks/smartlink-service";

/** Card label of a rotation mode. */
export const ROTATION_LABEL: Record<RotationMode, string> = {
  weighted: "Rotates",
  auto: "Auto-optimizes",
};

/** How a rotation mode picks the offer for each click. */
export const ROTATION_TEXT: Record<RotationMode, string> = {
  weighted:
    "Rotates: each click goes to one of the offers that accept the visitor's country and device, shared out by the weights your network set.",
  auto: "Auto-optimizes: every offer first gets a share of clicks to learn how it performs, then most clicks go to the offer that earns the most per click.",
};

/** How a publisher joins a smartlink of each visibility. */
export const VISIBILITY_TEXT: Record<SmartlinkVisibility, string> = {
  public: "Open: you are approved instantly.",
  ask: "Ask to join: your network admin reviews each application.",
  private: "Private: your network admin added you.",
};

/** Badge text of the publisher's access. */
export const ACCESS_LABEL: Record<AccessStatus, string> = {
  approved: "Approved",
  pending: "Awaiting review",
  declined: "Declined",
};
