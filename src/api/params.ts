/** Path parameters of the JSON API v1. */
import { NotFoundError } from "../errors";

const MAX_ID = 2_147_483_647;

/**
 * An entity id from the path. Anything but a positive int4 (`abc`, `0`, `1.5`, `99999999999`)
 * names no entity, so it is a 404 like an unknown id, never a 422 or a database error.
 * @throws NotFoundError
 */
export function parseId(raw: string, entity: string): number {
  const id = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(id <= MAX_ID)) throw new NotFoundError(entity, raw);
  return id;
}
