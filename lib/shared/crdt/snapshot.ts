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
  keptOpEnvelopeSchema,
  MAX_KEPT_OPS,
  titleSchema,
} from '../schemas/oplog';
import { isRecurrenceRule } from '../recurrence';
import { byCodeUnits } from './canonical';
import type { Stamp } from './clock';
import type { Entity, EntityState } from './entities';
import { ListState, type TaskEntry } from './list';
import { REGISTRY_ID } from './ops';
import type { RegisterValue, Registers } from './register';
import { RegistryState, type ListEntry } from './registry';

export const SNAPSHOT_VERSION = 1;

const actorIndexSchema = z.number().int().min(0);
const stampSchema = z.tuple([clockSchema, actorIndexSchema]);
const registerSchema = <T extends z.ZodType<RegisterValue>>(value: T) => z.tuple([value, clockSchema, actorIndexSchema]);
const maxClockSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * An entity's registers: the ones this build knows are checked by their own schema; others (fields of
 * a newer build, protocol-spec.md "Versioning") must be plain registers under a plain name, a few.
 */
function entitySchema<S extends z.ZodRawShape>(known: S) {
  const unknownRegister = registerSchema(z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]));
  return z
    .object(known)
    .catchall(unknownRegister)
    .superRefine((entity, ctx) => {
      const unknown = Object.keys(entity).filter((name) => !Object.hasOwn(known, name));
      if (unknown.length > MAX_UNKNOWN_REGISTERS)
        ctx.addIssue({ code: 'custom', message: `At most ${MAX_UNKNOWN_REGISTERS} registers this build does not know` });
      for (const name of unknown) if (!REGISTER_NAME.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'Not a register name' });
    });
}
const REGISTER_NAME = /^[a-z][A-Za-z0-9]{0,63}$/;
const MAX_UNKNOWN_REGISTERS = 32;

const listEntrySchema = entitySchema({
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

const taskEntrySchema = entitySchema({
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

/** A whole user's state: `TaskDocument.toSnapshot`, with the ops it keeps for a newer build. */
export const documentSnapshotSchema = z.strictObject({
  v: z.literal(SNAPSHOT_VERSION),
  registry: registryBodySchema,
  lists: z.array(z.tuple([opIdSchema, listBodySchema])),
  kept: z.array(keptOpEnvelopeSchema).max(MAX_KEPT_OPS).optional(),
});

/** One resource's state, as the server stores it per (scope, resourceId): `snapshotResource`. */
export const resourceSnapshotSchema = z.discriminatedUnion('scope', [
  z.strictObject({ v: z.literal(SNAPSHOT_VERSION), scope: z.literal('registry'), resourceId: z.literal(REGISTRY_ID), state: registryBodySchema }),
  z.strictObject({ v: z.literal(SNAPSHOT_VERSION), scope: z.literal('list'), resourceId: opIdSchema, state: listBodySchema }),
]);

type RegisterJson = [RegisterValue, number, number];
/** An entity as a snapshot holds it: its registers by name, beside `created` (lists) or `added` (tasks). */
type EntityJson = { [name: string]: RegisterJson | [number, number] | true | undefined };
interface Body {
  maxClock: number;
  actors: string[];
  deleted: string[];
}
export interface RegistryBody extends Body {
  lists: [string, EntityJson][];
}
export interface ListBody extends Body {
  tasks: [string, EntityJson][];
}

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

  registers(registers: Registers): Record<string, RegisterJson> {
    const json: Record<string, RegisterJson> = {};
    for (const [name, r] of Object.entries(registers)) if (r) json[name] = [r.value, r.stamp.clock, this.indexOf(r.stamp.actor)];
    return json;
  }

  private indexOf(actor: string): number {
    const i = this.index.get(actor);
    if (i === undefined) throw new Error(`Actor ${actor} missing from the snapshot's actor table`);
    return i;
  }
}

const stampsOf = (registers: Registers) => Object.values(registers).map((r) => r?.stamp);

type StampReader = ReturnType<typeof stampReader>;

function stampReader(actors: readonly string[]) {
  const actorAt = (i: number): string => {
    const actor = actors[i];
    if (actor === undefined) throw new Error(`Snapshot names actor #${i}, which its actor table lacks`);
    return actor;
  };
  return {
    // The schema checked the shapes: a stamp is [clock, actor index].
    stamp: (json: EntityJson[string]): Stamp | undefined => (Array.isArray(json) ? { clock: json[0] as number, actor: actorAt(json[1] as number) } : undefined),
    /** The registers of a parsed entity, every key but the ones named (which are not registers). */
    registers: <R extends Registers>(entity: EntityJson, notRegisters: readonly string[]): R => {
      const registers: Registers = {};
      for (const [name, json] of Object.entries(entity)) {
        if (json === undefined || notRegisters.includes(name)) continue;
        const [value, clock, actor] = json as RegisterJson;
        registers[name] = { value, stamp: { clock, actor: actorAt(actor) } };
      }
      return registers as R;
    },
  };
}

/** How a kind of entity keeps what is not a register (a list's `created`, a task's `added`) in a snapshot. */
interface OwnFields<E> {
  names: readonly string[];
  stamps(entity: E): (Stamp | undefined)[];
  encode(entity: E, table: ActorTable): EntityJson;
  decode(json: EntityJson, read: StampReader): Omit<E, 'registers'>;
}

const LIST_OWN: OwnFields<ListEntry> = {
  names: ['created'],
  stamps: (e) => [e.created],
  encode: (e, table) => ({ created: table.stamp(e.created) }),
  decode: (json, read) => ({ created: read.stamp(json.created) }),
};
const TASK_OWN: OwnFields<TaskEntry> = {
  names: ['added'],
  stamps: () => [],
  encode: (e) => ({ added: e.added }),
  decode: (json) => ({ added: json.added === true ? true : undefined }),
};

function encodeBody<R extends Registers, E extends Entity<R>>(state: EntityState<R, E>, own: OwnFields<E>): Body & { entities: [string, EntityJson][] } {
  const entries = [...state.entities].sort(byKey);
  const table = new ActorTable(entries.flatMap(([, e]) => [...own.stamps(e), ...stampsOf(e.registers)]));
  return {
    maxClock: state.maxClock,
    actors: table.actors,
    entities: entries.map(([id, e]) => [id, { ...own.encode(e, table), ...table.registers(e.registers) }]),
    deleted: [...state.deleted].sort(byCodeUnits),
  };
}

function decodeBody<R extends Registers, E extends Entity<R>, S extends EntityState<R, E>>(
  state: S,
  body: Body,
  entities: [string, EntityJson][],
  own: OwnFields<E>,
): S {
  const read = stampReader(body.actors);
  state.maxClock = body.maxClock;
  for (const id of body.deleted) state.deleted.add(id);
  for (const [id, json] of entities) {
    if (state.deleted.has(id)) continue;
    state.entities.set(id, { ...own.decode(json, read), registers: read.registers<R>(json, own.names) } as E);
  }
  return state;
}

export function encodeRegistry(state: RegistryState): RegistryBody {
  const { entities, ...body } = encodeBody(state, LIST_OWN);
  return { ...body, lists: entities };
}

export function decodeRegistry(body: RegistryBody): RegistryState {
  return decodeBody(new RegistryState(), body, body.lists, LIST_OWN);
}

export function encodeList(state: ListState): ListBody {
  const { entities, ...body } = encodeBody(state, TASK_OWN);
  return { ...body, tasks: entities };
}

export function decodeList(body: ListBody): ListState {
  return decodeBody(new ListState(), body, body.tasks, TASK_OWN);
}

function byKey<T>([a]: [string, T], [b]: [string, T]): number {
  return byCodeUnits(a, b);
}
