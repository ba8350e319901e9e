/**
 * Tracking-link codes: 8 characters of [0-9A-Za-z] from a CSPRNG (nanoid), ~47 bits, so codes
 * cannot be guessed or enumerated. `isWellFormedCode` guards the hot path: anything else never
 * reaches the cache or the database.
 */
import { customAlphabet } from "nanoid";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const CODE_LENGTH = 8;

/** A new random link code. */
export const newLinkCode: () => string = customAlphabet(ALPHABET, CODE_LENGTH);

const WELL_FORMED = /^[0-9A-Za-z]{4,32}$/;

/** True when `code` has the shape of a link code (4 to 32 alphanumerics). */
export function isWellFormedCode(code: string): boolean {
  return WELL_FORMED.test(code);
}
