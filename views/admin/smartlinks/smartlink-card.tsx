/** One card of the smartlinks list: name, status, visibility, offers, rotation, live · pending. */
import { Html } from "@elysiajs/html";
import type { Smartlink } from "../../../src/db/schema";
import type { SmartlinkCounters } from "../../../src/reports/smartlink-stats";
import { StatusBadge } from "../../components/status-badge";
import { rotationLabel, visibilityLabel } from "./labels";

export interface SmartlinkCardProps {
  smartlink: Smartlink;
  counters: SmartlinkCounters;
}

export function SmartlinkCard({ smartlink, counters }: SmartlinkCardProps) {
  const offers = `${counters.offers} ${counters.offers === 1 ? "offer" : "offers"}`;
  return (
    <article class="smartlink-card" id={`smartlink-${smartlink.id}`}>
      <header class="card-head">
        <a href={`/admin/smartlinks/${smartlink.id}`}>
          <strong safe>{smartlink.name}</strong>
        </a>
        <StatusBadge status={smartlink.status} />
      </header>
      <ul class="facts">
        <li>
          Visibility: <span safe>{visibilityLabel(smartlink.visibility)}</span>
        </li>
        <li safe>{offers}</li>
        <li safe>{rotationLabel(smartlink.rotation)}</li>
        <li class="counter" safe>{`${counters.live} live · ${counters.pending} pending`}</li>
      </ul>
    </article>
  );
}
