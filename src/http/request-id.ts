/**
 * Request ids: every portal and API request gets a fresh one, answered in `x-request-id` and
 * written with every log line about the request, so a user quoting it leads to the log entry.
 * A client-sent `x-request-id` is ignored (it could be forged to confuse the log).
 */
export const REQUEST_ID_HEADER = "x-request-id";

/** A new request id: a random UUID (v4). */
export function newRequestId(): string {
  return crypto.randomUUID();
}
