/** One API key in the list: the swap target of Revoke (`<tr id="api-key-N">`). Never the key itself. */
import { Html } from "@elysiajs/html";
import type { ApiKeyInfo } from "../../../src/auth/api-keys";
import { InlineAction } from "../../components/inline-action";
import { TimeStamp } from "../../components/time-stamp";

export interface ApiKeyRowProps {
  apiKey: ApiKeyInfo;
  csrfToken: string;
}

export function ApiKeyRow({ apiKey, csrfToken }: ApiKeyRowProps) {
  return (
    <tr id={`api-key-${apiKey.id}`}>
      <td safe>{apiKey.name}</td>
      <td>
        <code safe>{`${apiKey.prefix}…`}</code>
      </td>
      <td>
        <TimeStamp date={apiKey.createdAt} />
      </td>
      <td>{apiKey.revokedAt ? <TimeStamp date={apiKey.revokedAt} /> : <span class="muted">Not revoked</span>}</td>
      <td class="actions">
        {apiKey.revokedAt ? (
          ""
        ) : (
          <InlineAction
            action={`/admin/api-keys/${apiKey.id}/revoke`}
            label="Revoke"
            csrfToken={csrfToken}
            variant="danger"
            confirm={`Revoke the API key ${apiKey.name}? Programs using it stop working.`}
          />
        )}
      </td>
    </tr>
  );
}
