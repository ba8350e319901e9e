import type { RandomSource } from "./types";

/**
 * One random draw from `items`, each chosen with probability `weightOf(item) / total`.
 *
 * - Weights are relative numbers in any unit; items weighing 0, less, or NaN are never chosen.
 * - Returns `undefined` when `items` is empty or no item weighs more than 0; `random` is then
 *   not called, so callers can try a narrower pick first without spending a draw.
 * - Otherwise calls `random` exactly once. Items are laid end to end in array order and the draw
 *   `random() * total` lands in one of them, so the result is deterministic given the source.
 *   `weightOf` is called twice per item and must return the same value both times.
 * - `random` must return values in [0, 1): the running sum of the second pass repeats the
 *   additions of the first exactly, and `r * total < total` for r < 1, so a pick is always
 *   found. A source breaking that contract (returning 1) gets `undefined`.
 *
 * Hot path (one call per click): two passes, no allocation. The standard "roulette wheel";
 * unlike dub's weighted pick, it reads no cookies and calls no `Math.random` itself.
 */
export function pickWeighted<T>(
  items: readonly T[],
  weightOf: (item: T) => number,
  random: RandomSource,
): T | undefined {
  let total = 0;
  for (const item of items) {
    const weight = weightOf(item);
    if (weight > 0) total += weight;
  }
  if (total === 0) return undefined;

  const point = random() * total;
  let end = 0;
  for (const item of items) {
    const weight = weightOf(item);
    if (weight > 0) {
      end += weight;
      if (point < end) return item;
    }
  }
  return undefined;
}
