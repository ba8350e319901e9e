/**
 * "Your tracking link" once approved: the link with a Copy button, the sub-ID builder (the link
 * field is swapped by htmx as the publisher types) and "Test your link".
 */
import { Html } from "@elysiajs/html";
import { SUB_ID_KEYS, MAX_SUB_LENGTH, type SubIds } from "../../src/links/sub-ids";
import type { TestClick } from "../../src/clicks/test-click";
import { FormField } from "../components/form-field";
import { TestClickResult } from "./test-click-result";

export interface TrackingLinkProps {
  smartlinkId: number;
  /** The link with the sub-IDs typed so far. */
  link: string;
  subs: SubIds;
  csrfToken: string;
  testClick?: TestClick;
}

const SUB_ID_HINTS: Partial<Record<(typeof SUB_ID_KEYS)[number], string>> = {
  pub_sub: "Where the click comes from, e.g. newsletter-jan",
  sub1: "e.g. a placement or creative",
};

/** The link and its Copy button: the htmx swap target of the sub-ID builder. */
export function TrackingLinkField({ link }: { link: string }) {
  return (
    <div id="tracking-link-field">
      <label for="tracking-link">Your tracking link</label>
      <div role="group">
        <input id="tracking-link" type="text" readonly value={link} />
        <button type="button" data-copy="#tracking-link">
          Copy
        </button>
      </div>
    </div>
  );
}

/** The `#tracking` section: link, sub-ID builder, test button and result. */
export function TrackingLink({ smartlinkId, link, subs, csrfToken, testClick }: TrackingLinkProps) {
  const base = `/publisher/smartlinks/${smartlinkId}`;
  return (
    <section id="tracking">
      <h2>Your tracking link</h2>
      <p>
        Paste it wherever you promote. It never changes, even when your network edits the offers behind it, and every click
        is credited to you.
      </p>
      <TrackingLinkField link={link} />
      <h3>Label your traffic with sub-IDs</h3>
      <p class="muted">
        Type a value and the link above updates. Sub-IDs show up in My reports, so you can compare placements and sources.
      </p>
      <form
        id="sub-ids"
        class="sub-ids"
        method="get"
        action={base}
        hx-get={`${base}/link`}
        hx-trigger="input changed delay:200ms, submit"
        hx-target="#tracking-link-field"
        hx-swap="outerHTML"
      >
        {SUB_ID_KEYS.map((key) => (
          <FormField
            label={key}
            name={key}
            id={`sub-${key}`}
            value={subs[key] ?? ""}
            hint={SUB_ID_HINTS[key]}
            attrs={{ maxlength: String(MAX_SUB_LENGTH), autocomplete: "off" }}
          />
        ))}
        <button type="submit" class="secondary">
          Update link
        </button>
      </form>
      <h3>Test your link</h3>
      <p class="muted">
        Sends one click from your browser through the link, exactly as a visitor's, and shows where it landed. Test clicks
        are recorded but never counted in reports or stats.
      </p>
      <form method="post" action={`${base}/test-click`} hx-post={`${base}/test-click`} hx-include="#sub-ids" hx-target="#test-result">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <button type="submit">Test your link</button>
      </form>
      <div id="test-result" aria-live="polite">
        {testClick ? <TestClickResult result={testClick} /> : ""}
      </div>
    </section>
  );
}
