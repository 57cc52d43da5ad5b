/** The registry CRDT: which lists exist, their names and whether they are archived. */
import { byCodeUnits } from './canonical';
import { compareStamps, type Stamp } from './clock';
import type { RegistryOp } from './ops';
import { earliest, latest, mergeRegisters, type Register, type Registers } from './register';

export interface ListRegisters extends Registers {
  name?: Register<string>;
  archived?: Register<boolean>;
}

export interface ListEntry {
  /** Stamp of the first createList. Without it the entry only holds edits that arrived early. */
  created?: Stamp;
  registers: ListRegisters;
}

export interface RegistryListView {
  id: string;
  name: string;
  archived: boolean;
  created: Stamp;
}

/**
 * Per list, last-writer-wins registers; a deleted list keeps only its id in `deleted` (delete is
 * final), so state is a join of its ops and any order of applying or merging gives the same state.
 */
export class RegistryState {
  /** Highest clock of any op taken in, so a replica restored from a snapshot ticks past it. */
  maxClock = 0;
  readonly lists = new Map<string, ListEntry>();
  readonly deleted = new Set<string>();

  apply(op: RegistryOp, stamp: Stamp): void {
    this.observe(stamp.clock);
    if (op.type === 'deleteList') {
      this.tombstone(op.listId);
      return;
    }
    if (this.deleted.has(op.listId)) return;
    const entry = this.entry(op.listId);
    const r = entry.registers;
    switch (op.type) {
      case 'createList':
        entry.created = earliest(entry.created, stamp);
        r.name = latest(r.name, { value: op.name, stamp });
        break;
      case 'renameList':
        r.name = latest(r.name, { value: op.name, stamp });
        break;
      case 'archiveList':
        r.archived = latest(r.archived, { value: op.archived, stamp });
        break;
    }
  }

  merge(other: RegistryState): void {
    this.observe(other.maxClock);
    for (const id of other.deleted) this.tombstone(id);
    for (const [id, theirs] of other.lists) {
      if (this.deleted.has(id)) continue;
      const ours = this.entry(id);
      ours.created = earliest(ours.created, theirs.created);
      mergeRegisters(ours.registers, theirs.registers);
    }
  }

  observe(clock: number): void {
    if (clock > this.maxClock) this.maxClock = clock;
  }

  isDeleted(listId: string): boolean {
    return this.deleted.has(listId);
  }

  /** The lists a user sees, archived ones included, in creation order. */
  visible(): RegistryListView[] {
    const views: RegistryListView[] = [];
    for (const [id, entry] of this.lists) {
      if (!entry.created) continue;
      views.push({ id, name: entry.registers.name?.value ?? '', archived: entry.registers.archived?.value ?? false, created: entry.created });
    }
    return views.sort((a, b) => compareStamps(a.created, b.created) || byCodeUnits(a.id, b.id));
  }

  private tombstone(listId: string): void {
    this.deleted.add(listId);
    this.lists.delete(listId);
  }

  private entry(listId: string): ListEntry {
    let entry = this.lists.get(listId);
    if (!entry) {
      entry = { registers: {} };
      this.lists.set(listId, entry);
    }
    return entry;
  }
}
