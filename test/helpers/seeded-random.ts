/**
 * A seeded uniform source in [0, 1) for tests that need many reproducible draws: mulberry32
 * (Tommy Ettinger's 32-bit generator), period 2^32, good enough for share checks over 10^5 draws.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
