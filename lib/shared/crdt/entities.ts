/** What the registry and a list share: entities of one kind under last-writer-wins registers, with final deletes. */
import type { Stamp } from './clock';
import { latest, mergeRegisters, type Register, type RegisterValue, type Registers } from './register';

export interface Entity<R extends Registers> {
  registers: R;
}

/**
 * Per entity, registers merged by stamp; a deleted entity keeps only its id in `deleted` (delete is
 * final, ids are never reused), so state is a join of its ops: any order of applying or merging gives
 * the same state.
 */
export abstract class EntityState<R extends Registers, E extends Entity<R>> {
  /** Highest clock of any op taken in, so a replica restored from a snapshot ticks past it. */
  maxClock = 0;
  readonly entities = new Map<string, E>();
  readonly deleted = new Set<string>();

  /** A new entity with no register yet. */
  protected abstract blank(): E;
  /** Merges what an entity holds besides its registers. */
  protected abstract mergeOwn(ours: E, theirs: E): void;

  merge(other: EntityState<R, E>): void {
    this.observe(other.maxClock);
    for (const id of other.deleted) this.tombstone(id);
    for (const [id, theirs] of other.entities) {
      if (this.deleted.has(id)) continue;
      const ours = this.entity(id);
      this.mergeOwn(ours, theirs);
      mergeRegisters(ours.registers, theirs.registers);
    }
  }

  observe(clock: number): void {
    if (clock > this.maxClock) this.maxClock = clock;
  }

  /** Drops every entity and tombstone (their container was deleted); keeps the clock high-water mark. */
  discard(): void {
    this.entities.clear();
    this.deleted.clear();
  }

  /**
   * Starts taking in an op on entity `id`: a delete tombstones it (undefined); any other op gets the
   * live entity, or undefined once the entity is deleted (delete is final).
   */
  protected take(id: string, stamp: Stamp, deletes: boolean): E | undefined {
    this.observe(stamp.clock);
    if (deletes) this.tombstone(id);
    return deletes || this.deleted.has(id) ? undefined : this.entity(id);
  }

  protected tombstone(id: string): void {
    this.deleted.add(id);
    this.entities.delete(id);
  }

  /** The live entity of `id`, made blank when new; undefined once `id` is deleted. */
  protected entity(id: string): E {
    let entity = this.entities.get(id);
    if (!entity) {
      entity = this.blank();
      this.entities.set(id, entity);
    }
    return entity;
  }
}

/** The values an op writes, by register name; undefined ones are not written. */
export type Writes<R extends Registers> = { [K in keyof R]?: NonNullable<R[K]>['value'] };

/** Writes each given register of `registers` where the write is the latest. */
export function write<R extends Registers>(registers: R, values: Writes<R>, stamp: Stamp): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    (registers as Registers)[name] = latest(registers[name] as Register<RegisterValue> | undefined, { value: value as RegisterValue, stamp });
  }
}
