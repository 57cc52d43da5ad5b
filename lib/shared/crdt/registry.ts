/** The registry CRDT: which lists exist, their names and whether they are archived. */
import { byCodeUnits } from './canonical';
import { compareStamps, type Stamp } from './clock';
import type { RegistryOp } from './ops';
import { EntityState, write } from './entities';
import { earliest, type Register, type Registers } from './register';

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

/** Which lists exist: per list, registers merged by stamp; a deleted list keeps only its id. */
export class RegistryState extends EntityState<ListRegisters, ListEntry> {
  apply(op: RegistryOp, stamp: Stamp): void {
    const entry = this.take(op.listId, stamp, op.type === 'deleteList');
    if (!entry || op.type === 'deleteList') return;
    if (op.type === 'createList') entry.created = earliest(entry.created, stamp);
    write(entry.registers, op.type === 'archiveList' ? { archived: op.archived } : { name: op.name }, stamp);
  }

  isDeleted(listId: string): boolean {
    return this.deleted.has(listId);
  }

  /** The lists a user sees, archived ones included, in creation order. */
  visible(): RegistryListView[] {
    const views: RegistryListView[] = [];
    for (const [id, entry] of this.entities) {
      if (!entry.created) continue;
      views.push({ id, name: entry.registers.name?.value ?? '', archived: entry.registers.archived?.value ?? false, created: entry.created });
    }
    return views.sort((a, b) => compareStamps(a.created, b.created) || byCodeUnits(a.id, b.id));
  }

  protected blank(): ListEntry {
    return { registers: {} };
  }

  protected mergeOwn(ours: ListEntry, theirs: ListEntry): void {
    ours.created = earliest(ours.created, theirs.created);
  }
}
