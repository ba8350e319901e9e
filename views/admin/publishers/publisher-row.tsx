/** One publisher in the list: the swap target of Activate / Suspend (`<tr id="publisher-N">`). */
import { Html } from "@elysiajs/html";
import type { Publisher } from "../../../src/db/schema";
import { InlineAction } from "../../components/inline-action";
import { StatusBadge } from "../../components/status-badge";
import { TimeStamp } from "../../components/time-stamp";

export interface PublisherRowProps {
  publisher: Publisher;
  csrfToken: string;
}

export function PublisherRow({ publisher, csrfToken }: PublisherRowProps) {
  const action = (verb: "activate" | "suspend", label: string) => (
    <InlineAction action={`/admin/publishers/${publisher.id}/${verb}`} label={label} csrfToken={csrfToken} />
  );
  return (
    <tr id={`publisher-${publisher.id}`}>
      <td safe>{publisher.name}</td>
      <td safe>{publisher.email}</td>
      <td>
        <StatusBadge status={publisher.status} />
      </td>
      <td>
        <TimeStamp date={publisher.createdAt} />
      </td>
      <td class="actions">
        {publisher.status !== "active" ? action("activate", "Activate") : ""}
        {publisher.status !== "suspended" ? action("suspend", "Suspend") : ""}
      </td>
    </tr>
  );
}
