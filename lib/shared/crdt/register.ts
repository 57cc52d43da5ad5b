/** Last-writer-wins registers: one per entity field, merged by stamp. */
import { compareStamps, type Stamp } from './clock';

export type RegisterValue = string | number | boolean | null;

export interface Register<T extends RegisterValue> {
  value: T;
  stamp: Stamp;
}

/**
 * The register that survives a merge: the one with the later stamp. Two writes share a stamp only
 * if a client reuses one (bug or forgery); the larger value then wins so the merge still commutes.
 */
export function latest<T extends RegisterValue>(a: Register<T> | undefined, b: Register<T> | undefined): Register<T> | undefined {
  if (!a) return b;
  if (!b) return a;
  const order = compareStamps(a.stamp, b.stamp);
  if (order !== 0) return order > 0 ? a : b;
  return compareValues(a.value, b.value) >= 0 ? a : b;
}

/**
 * An entity's registers by name. Names this build does not know (a newer build's fields, read from a
 * snapshot) are kept and merged like the others, so they are passed on unchanged (protocol-spec.md,
 * "Versioning").
 */
export type Registers = Record<string, Register<RegisterValue> | undefined>;

/** Merges `theirs` into `ours`, register by register. */
export function mergeRegisters(ours: Registers, theirs: Readonly<Registers>): void {
  for (const [name, register] of Object.entries(theirs)) ours[name] = latest(ours[name], register);
}

function compareValues(a: RegisterValue, b: RegisterValue): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** The earlier of two stamps; used for "created at", which only the first create decides. */
export function earliest(a: Stamp | undefined, b: Stamp | undefined): Stamp | undefined {
  if (!a) return b;
  if (!b) return a;
  return compareStamps(a, b) <= 0 ? a : b;
}
