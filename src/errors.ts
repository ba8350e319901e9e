/**
 * Typed errors thrown by the services (campaigns, publishers, smartlinks). The JSON API maps
 * them to 404 / 422 / 409; the portals map them to their own pages and form messages.
 */

/** The entity named by an id does not exist (API: 404 `{error: "not_found"}`). */
export class NotFoundError extends Error {
  constructor(readonly entity: string, readonly id: number | string) {
    super(`${entity} ${id} not found`);
    this.name = "NotFoundError";
  }
}

/**
 * The input is invalid. `errors` maps a field to one message; fields are named as on the wire
 * (snake_case, dotted paths into arrays: `pool.0.campaign_id`), which are also the portal
 * form field names. API: 422 `{error: "validation", errors}`.
 */
export class ValidationError extends Error {
  constructor(readonly errors: Record<string, string>) {
    super(`invalid input: ${Object.entries(errors).map(([field, message]) => `${field} ${message}`).join("; ")}`);
    this.name = "ValidationError";
  }
}

/** The change would break a relation, e.g. deleting a campaign still in a pool (API: 409). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/**
 * The SQLSTATE of a database error (`"23505"` unique violation, `"23503"` foreign key
 * violation, ...), looking through drizzle's wrapper (`cause`); null when there is none.
 */
export function pgErrorCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * The request cannot be read as input at all: JSON nested too deep, and the like. Answered 400
 * (API: `{error: "bad_request", message}`); `message` is a fixed sentence, never the input.
 */
export class MalformedInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedInputError";
  }
}

/** The request body is larger than the server accepts (`limitBytes`). Answered 413. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body over ${limitBytes} bytes`);
    this.name = "PayloadTooLargeError";
  }
}
