/** One tracking domain in the list: the swap target of Remove (`<tr id="tracking-domain-N">`). */
import { Html } from "@elysiajs/html";
import type { TrackingDomain } from "../../../src/tracking-domains/tracking-domain-service";
import { InlineAction } from "../../components/inline-action";
import { TimeStamp } from "../../components/time-stamp";

export interface TrackingDomainRowProps {
  domain: TrackingDomain;
  csrfToken: string;
}

export function TrackingDomainRow({ domain, csrfToken }: TrackingDomainRowProps) {
  return (
    <tr id={`tracking-domain-${domain.id}`}>
      <td>
        <code safe>{domain.host}</code>
      </td>
      <td>
        <TimeStamp date={domain.createdAt} />
      </td>
      <td class="actions">
        <InlineAction
          action={`/admin/tracking-domains/${domain.id}/remove`}
          label="Remove"
          csrfToken={csrfToken}
          variant="danger"
          confirm={`Remove ${domain.host}? New smartlinks can no longer pick it; smartlinks that use it keep their links.`}
        />
      </td>
    </tr>
  );
}
