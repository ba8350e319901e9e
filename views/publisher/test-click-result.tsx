/** Where a test click landed and whether it was recorded. */
import { Html } from "@elysiajs/html";
import type { TestClick } from "../../src/clicks/test-click";
import type { DecisionReason } from "../../src/routing/types";

const FALLBACK_REASON: Record<Exclude<DecisionReason, "offer">, string> = {
  no_eligible_offer: "No offer in the pool accepts your country and device, so the click went to the fallback page.",
  paused: "The smartlink is paused, so the click went to the fallback page.",
  not_approved: "Your access is not active, so the click went to the fallback page.",
  bad_destination: "The offer's destination URL is not usable, so the click went to the fallback page.",
};

/** The result box: the `#test-result` content. */
export function TestClickResult({ result }: { result: TestClick }) {
  return (
    <article class="test-result">
      <header>
        <strong>Test click result</strong>
      </header>
      <p>
        Landed on:{" "}
        {result.destination ? (
          <a href={result.destination} target="_blank" rel="noopener noreferrer" class="link" safe>
            {result.destination}
          </a>
        ) : (
          <span>no page: nothing fits and no fallback page is set, so visitors see "No offer available".</span>
        )}
      </p>
      {result.offerName ? (
        <p>
          Offer: <strong safe>{result.offerName}</strong>
        </p>
      ) : (
        <p safe>{result.reason === "offer" ? "" : FALLBACK_REASON[result.reason]}</p>
      )}
      <p class="muted" safe>
        {`Seen as: ${result.country ?? "unknown country"}, ${result.device}.`}
      </p>
      <p>
        {result.recorded ? "Recorded as a test click" : "Queued as a test click (it is saved within seconds)"}: click ID{" "}
        <code safe>{result.clickId}</code>
      </p>
    </article>
  );
}
