/**
 * One row of the approvals queue (swap target: the row itself). Pending rows carry Approve and
 * Decline; a decided row shows the decision, and the new tracking link when approved.
 */
import { Html } from "@elysiajs/html";
import { InlineAction } from "../../components/inline-action";
import { StatusBadge } from "../../components/status-badge";
import { TimeStamp } from "../../components/time-stamp";

export interface ApplicationRowProps {
  smartlinkId: number;
  smartlinkName: string;
  publisherId: number;
  publisherName: string;
  appliedAt: Date;
  /** Absent while pending. */
  decision?: { status: "approved" | "declined"; trackingUrl: string };
  csrfToken: string;
}

export function ApplicationRow(props: ApplicationRowProps) {
  const base = `/admin/approvals/${props.smartlinkId}/${props.publisherId}`;
  return (
    <tr id={`application-${props.smartlinkId}-${props.publisherId}`}>
      <td safe>{props.publisherName}</td>
      <td>
        <a href={`/admin/smartlinks/${props.smartlinkId}`} safe>
          {props.smartlinkName}
        </a>
      </td>
      <td>
        <TimeStamp date={props.appliedAt} />
      </td>
      <td>
        {props.decision ? (
          <div class="actions">
            <StatusBadge status={props.decision.status} />
            {props.decision.status === "approved" ? (
              <code class="link" safe>
                {props.decision.trackingUrl}
              </code>
            ) : (
              ""
            )}
          </div>
        ) : (
          <div class="actions">
            <InlineAction action={`${base}/approve`} label="Approve" csrfToken={props.csrfToken} />
            <InlineAction action={`${base}/decline`} label="Decline" csrfToken={props.csrfToken} variant="danger" />
          </div>
        )}
      </td>
    </tr>
  );
}
