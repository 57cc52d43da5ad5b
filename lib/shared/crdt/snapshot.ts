/**
 * The snapshot format: merged registers, never op history, so its size follows live state plus
 * tombstones. Actor ids (UUIDs) would dominate it, so each body lists its actors once, sorted, and
 * every stamp names one by index. Bodies are validated on the way in: snapshots come from storage.
 */
import { z } from 'zod';
import {
  actorSchema,
  clockSchema,
  dueDaySchema,
  dueTimeSchema,
  listNameSchema,
  minutesBeforeSchema,
  notesSchema,
  opIdSchema,
  positionSchema,
  prioritySchema,
  repeatFromSchema,
  titleSchema,
} from '../schemas/oplog';
import { isRecurrenceRule } from '../recurrence';
import { byCodeUnits } from './canonical';
import type { Stamp } from './clock';
import { ListState, type TaskEntry } from './list';
import { REGISTRY_ID } from './ops';
import type { Register, RegisterValue } from './register';
import { RegistryState, type ListEntry } from './registry';

export const SNAPSHOT_VERSION = 1;

const actorIndexSchema = z.number().int().min(0);
const stampSchema = z.tuple([clockSchema, actorIndexSchema]);
const registerSchema = <T extends z.ZodType<RegisterValue>>(value: T) => z.tuple([value, clockSchema, actorIndexSchema]);
const maxClockSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const listEntrySchema = z.strictObject({
  created: stampSchema.optional(),
  name: registerSchema(listNameSchema).optional(),
  archived: registerSchema(z.boolean()).optional(),
});
export const registryBodySchema = z.strictObject({
  maxClock: maxClockSchema,
  actors: z.array(actorSchema),
  lists: z.array(z.tuple([opIdSchema, listEntrySchema])),
  deleted: z.array(opIdSchema),
});
export type RegistryBody = z.infer<typeof registryBodySchema>;

const taskEntrySchema = z.strictObject({
  added: z.literal(true).optional(),
  title: registerSchema(titleSchema).optional(),
  notes: registerSchema(notesSchema).optional(),
  dueDay: registerSchema(dueDaySchema).optional(),
  completed: registerSchema(z.boolean()).optional(),
  position: registerSchema(positionSchema).optional(),
  priority: registerSchema(prioritySchema).optional(),
  dueTime: registerSchema(dueTimeSchema).optional(),
  rule: registerSchema(z.string().refine(isRecurrenceRule).nullable()).optional(),
  repeatFrom: registerSchema(repeatFromSchema).optional(),
  reminder: registerSchema(minutesBeforeSchema).optional(),
});
export const listBodySchema = z.strictObject({
  maxClock: maxClockSchema,
  actors: z.array(actorSchema),
  tasks: z.array(z.tuple([opIdSchema, taskEntrySchema])),
  deleted: z.array(opIdSchema),
});
export type ListBody = z.infer<typeof listBodySchema>;

/** A whole user's state: `TaskDocument.toSnapshot`. */
export const documentSnapshotSchema = z.strictObject({
  v: z.literal(SNAPSHOT_VERSION),
  registry: registryBodySchema,
  lists: z.array(z.tuple([opIdSchema, listBodySchema])),
});

/** One resource's state, as the server stores it per (scope, resourceId): `snapshotResource`. */
export const resourceSnapshotSchema = z.discriminatedUnion('scope', [
  z.strictObject({ v: z.literal(SNAPSHOT_VERSION), scope: z.literal('registry'), resourceId: z.literal(REGISTRY_ID), state: registryBodySchema }),
  z.strictObject({ v: z.literal(SNAPSHOT_VERSION), scope: z.literal('list'), resourceId: opIdSchema, state: listBodySchema }),
]);

type RegisterJson<T extends RegisterValue> = [T, number, number];

class ActorTable {
  readonly actors: string[];
  private readonly index: Map<string, number>;

  constructor(stamps: Iterable<Stamp | undefined>) {
    const names = new Set<string>();
    for (const stamp of stamps) if (stamp) names.add(stamp.actor);
    this.actors = [...names].sort(byCodeUnits);
    this.index = new Map(this.actors.map((actor, i) => [actor, i]));
  }

  stamp(stamp: Stamp | undefined): [number, number] | undefined {
    return stamp && [stamp.clock, this.indexOf(stamp.actor)];
  }

  register<T extends RegisterValue>(register: Register<T> | undefined): RegisterJson<T> | undefined {
    return register && [register.value, register.stamp.clock, this.indexOf(register.stamp.actor)];
  }

  private indexOf(actor: string): number {
    const i = this.index.get(actor);
    if (i === undefined) throw new Error(`Actor ${actor} missing from the snapshot's actor table`);
    return i;
  }
}

function stampReader(actors: readonly string[]) {
  const actorAt = (i: number): string => {
    const actor = actors[i];
    if (actor === undefined) throw new Error(`Snapshot names actor #${i}, which its actor table lacks`);
    return actor;
  };
  return {
    stamp: (json: [number, number] | undefined): Stamp | undefined => json && { clock: json[0], actor: actorAt(json[1]) },
    register: <T extends RegisterValue>(json: RegisterJson<T> | undefined): Register<T> | undefined =>
      json && { value: json[0], stamp: { clock: json[1], actor: actorAt(json[2]) } },
  };
}

export function encodeRegistry(state: RegistryState): RegistryBody {
  const entries = [...state.lists].sort(byKey);
  const table = new ActorTable(entries.flatMap(([, e]) => [e.created, e.name?.stamp, e.archived?.stamp]));
  return {
    maxClock: state.maxClock,
    actors: table.actors,
    lists: entries.map(([id, e]) => [id, { created: table.stamp(e.created), name: table.register(e.name), archived: table.register(e.archived) }]),
    deleted: [...state.deleted].sort(byCodeUnits),
  };
}

export function decodeRegistry(body: RegistryBody): RegistryState {
  const read = stampReader(body.actors);
  const state = new RegistryState();
  state.maxClock = body.maxClock;
  for (const id of body.deleted) state.deleted.add(id);
  for (const [id, e] of body.lists) {
    if (state.deleted.has(id)) continue;
    const entry: ListEntry = { created: read.stamp(e.created), name: read.register(e.name), archived: read.register(e.archived) };
    state.lists.set(id, entry);
  }
  return state;
}

export function encodeList(state: ListState): ListBody {
  const entries = [...state.tasks].sort(byKey);
  const table = new ActorTable(
    entries.flatMap(([, e]) =>
      [e.title, e.notes, e.dueDay, e.completed, e.position, e.priority, e.dueTime, e.rule, e.repeatFrom, e.reminder].map((r) => r?.stamp),
    ),
  );
  return {
    maxClock: state.maxClock,
    actors: table.actors,
    tasks: entries.map(([id, e]) => [
      id,
      {
        added: e.added,
        title: table.register(e.title),
        notes: table.register(e.notes),
        dueDay: table.register(e.dueDay),
        completed: table.register(e.completed),
        position: table.register(e.position),
        priority: table.register(e.priority),
        dueTime: table.register(e.dueTime),
        rule: table.register(e.rule),
        repeatFrom: table.register(e.repeatFrom),
        reminder: table.register(e.reminder),
      },
    ]),
    deleted: [...state.deleted].sort(byCodeUnits),
  };
}

export function decodeList(body: ListBody): ListState {
  const read = stampReader(body.actors);
  const state = new ListState();
  state.maxClock = body.maxClock;
  for (const id of body.deleted) state.deleted.add(id);
  for (const [id, e] of body.tasks) {
    if (state.deleted.has(id)) continue;
    const entry: TaskEntry = {
      added: e.added,
      title: read.register(e.title),
      notes: read.register(e.notes),
      dueDay: read.register(e.dueDay),
      completed: read.register(e.completed),
      position: read.register(e.position),
      priority: read.register(e.priority),
      dueTime: read.register(e.dueTime),
      rule: read.register(e.rule),
      repeatFrom: read.register(e.repeatFrom),
      reminder: read.register(e.reminder),
    };
    state.tasks.set(id, entry);
  }
  return state;
}

function byKey<T>([a]: [string, T], [b]: [string, T]): number {
  return byCodeUnits(a, b);
}
