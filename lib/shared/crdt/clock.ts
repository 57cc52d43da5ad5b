/** Lamport clocks and the (clock, actor) stamps that order every write. */

/** Who wrote a register and when, in Lamport time. */
export interface Stamp {
  clock: number;
  actor: string;
}

/**
 * Total order on stamps: the higher clock wins; on equal clocks the higher actor id wins.
 * Actors compare by UTF-16 code units (`<`), never `localeCompare`, so every runtime agrees.
 */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.clock !== b.clock) return a.clock < b.clock ? -1 : 1;
  if (a.actor === b.actor) return 0;
  return a.actor < b.actor ? -1 : 1;
}

/**
 * One replica's Lamport clock. `tick` stamps a local op; `observe` takes in every clock the
 * replica receives, so its next op is stamped after everything it has seen and wins over it.
 */
export class LamportClock {
  private current: number;

  constructor(start = 0) {
    this.current = start;
  }

  get value(): number {
    return this.current;
  }

  tick(): number {
    if (this.current >= Number.MAX_SAFE_INTEGER) throw new RangeError('Lamport clock exhausted');
    this.current += 1;
    return this.current;
  }

  observe(clock: number): void {
    if (clock > this.current) this.current = clock;
  }
}
