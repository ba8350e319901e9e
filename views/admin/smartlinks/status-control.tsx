/** A smartlink's status with its Pause / Un-pause button (swap target `#smartlink-status`). */
import { Html } from "@elysiajs/html";
import { InlineAction } from "../../components/inline-action";
import { StatusBadge } from "../../components/status-badge";

export interface StatusControlProps {
  smartlinkId: number;
  status: "active" | "paused";
  csrfToken: string;
}

export function StatusControl({ smartlinkId, status, csrfToken }: StatusControlProps) {
  const paused = status === "paused";
  return (
    <div id="smartlink-status" class="actions">
      <StatusBadge status={status} />
      <InlineAction
        action={`/admin/smartlinks/${smartlinkId}/${paused ? "unpause" : "pause"}`}
        label={paused ? "Un-pause" : "Pause"}
        csrfToken={csrfToken}
        target="#smartlink-status"
      />
      {paused ? <small class="muted">Paused: every publisher's link sends its clicks to the fallback URL.</small> : ""}
    </div>
  );
}
