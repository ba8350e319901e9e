/** The key just created, shown this once, with a warning and a Copy button. */
import { Html } from "@elysiajs/html";

export interface NewApiKeyProps {
  name: string;
  /** The plain key (`sb_...`); only its hash is stored. */
  apiKey: string;
}

export function NewApiKey({ name, apiKey }: NewApiKeyProps) {
  return (
    <article class="new-key" aria-labelledby="new-key-title">
      <h2 id="new-key-title" safe>
        {`New API key: ${name}`}
      </h2>
      <p class="flash error" role="alert">
        Copy this key now. It is shown only once: Switchboard stores only a hash and cannot show it again.
      </p>
      <p class="actions">
        <code id="new-api-key" class="link" safe>
          {apiKey}
        </code>
        <button type="button" class="small secondary" data-copy="#new-api-key">
          Copy
        </button>
      </p>
      <p class="muted">
        Send it in the header <code>Authorization: Bearer <var>key</var></code> to the API under <code>/api/v1</code>.
      </p>
    </article>
  );
}
