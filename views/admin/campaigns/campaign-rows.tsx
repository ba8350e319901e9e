/** The campaign table's body: the swap target of the search and status filter (`#campaign-rows`). */
import { Html } from "@elysiajs/html";
import type { Campaign } from "../../../src/db/schema";
import { DataTableBody } from "../../components/data-table";
import { CampaignRow } from "./campaign-row";

/** The campaign table's column headings (one `<td>` each in `CampaignRow`). */
export const CAMPAIGN_COLUMNS = ["Name", "Destination URL", "Payout", "Revenue", "Status", "Actions"] as const;

export interface CampaignRowsProps {
  campaigns: Campaign[];
  csrfToken: string;
  /** True when a search or status filter is applied (changes the empty-list message). */
  filtered: boolean;
}

export function CampaignRows({ campaigns, csrfToken, filtered }: CampaignRowsProps) {
  return (
    <DataTableBody
      id="campaign-rows"
      columns={CAMPAIGN_COLUMNS.length}
      empty={filtered ? "No campaign matches the search." : "No campaigns yet. Create the first one with New campaign."}
    >
      {campaigns.map((campaign) => (
        <CampaignRow campaign={campaign} csrfToken={csrfToken} />
      ))}
    </DataTableBody>
  );
}
