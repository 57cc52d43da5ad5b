/** Seeded reordering for the property tests; the seed is part of any counterexample fast-check prints. */

/** mulberry32: a seeded generator in [0, 1), tiny, fast, and good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Every item at least once, about a third of them again (as retries and re-sent pages do), in a random order. */
export function shuffledWithRepeats<T>(items: readonly T[], seed: number): T[] {
  const next = seededRandom(seed ^ 0x5bd1e995);
  const repeats = items.filter(() => next() < 0.35).map((item) => structuredClone(item));
  return shuffled([...items, ...repeats], seed);
}
