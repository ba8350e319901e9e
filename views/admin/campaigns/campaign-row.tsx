/** One campaign in the list: the swap target of Pause / Resume (`<tr id="campaign-N">`). */
import { Html } from "@elysiajs/html";
import type { Campaign } from "../../../src/db/schema";
import { InlineAction } from "../../components/inline-action";
import { StatusBadge } from "../../components/status-badge";

export interface CampaignRowProps {
  campaign: Campaign;
  csrfToken: string;
}

export function CampaignRow({ campaign, csrfToken }: CampaignRowProps) {
  const paused = campaign.status === "paused";
  return (
    <tr id={`campaign-${campaign.id}`}>
      <td safe>{campaign.name}</td>
      <td>
        <code class="link" safe>
          {campaign.destinationUrl}
        </code>
      </td>
      <td safe>{campaign.payout}</td>
      <td safe>{campaign.revenue}</td>
      <td>
        <StatusBadge status={campaign.status} />
      </td>
      <td class="actions">
        <a href={`/admin/campaigns/${campaign.id}/edit`} class="button small secondary outline">
          Edit
        </a>
        <InlineAction
          action={`/admin/campaigns/${campaign.id}/${paused ? "resume" : "pause"}`}
          label={paused ? "Resume" : "Pause"}
          csrfToken={csrfToken}
        />
      </td>
    </tr>
  );
}
