/**
 * The snapshot format: merged registers, never op history, so its size follows live state plus
 * tombstones. Actor ids (UUIDs) would dominate it, so each body lists its actors once, sorted, and
 * every stamp names one by index. Bodies are validated on the way in: snapshots come from storage.
 */
import { isRecurrenceRule } from '../recurrence-rule';
import { byCodeUnits } from './canonical';
import {
  bool,
  checkKeptOp,
  clock,
  dueDay,
  dueTime,
  int,
  isRecord,
  listName,
  MAX_KEPT_OPS,
  minutesBefore,
  notes,
  opId,
  position,
  priority,
  repeatFrom,
  ShapeError,
  strict,
  title,
  type Check,
} from './check';
import type { Stamp } from './clock';
import type { Entity, EntityState } from './entities';
import { ListState, type TaskEntry } from './list';
import { REGISTRY_ID } from './ops';
import type { RegisterValue, Registers } from './register';
import { RegistryState, type ListEntry } from './registry';

export const SNAPSHOT_VERSION = 1;

// Snapshots are checked by hand, with the op checks' field rules (check.ts): the browser's tasks
// engine loads no Zod (decision 065). A check throws a ShapeError naming where the snapshot is wrong.

const actorIndex = int(0);
const maxClock = int(0);

/** A fixed-length list whose items each have their own check: `expected` names them when it is not. */
const tuple =
  (expected: string, ...items: Check[]): Check =>
  (json, path) => {
    if (!Array.isArray(json) || json.length !== items.length) throw new ShapeError(path, `Expected ${expected}`);
    items.forEach((item, i) => item(json[i], `${path}[${i}]`));
    return json;
  };
/** `[value, clock, actor index]`: a register. */
const register = (value: Check): Check => tuple('[value, clock, actor]', value, clock, actorIndex);
/** `[clock, actor index]`: a list's creation stamp. */
const stamp = tuple('[clock, actor]', clock, actorIndex);
const arrayOf =
  (item: Check, max = Infinity): Check<unknown[]> =>
  (json, path) => {
    if (!Array.isArray(json)) throw new ShapeError(path, 'Expected a list');
    if (json.length > max) throw new ShapeError(path, `At most ${max} items`);
    json.forEach((x, i) => item(x, `${path}[${i}]`));
    return json;
  };
/** `[id, entry]`: an entity of a body. */
const entry = (check: Check): Check => tuple('[id, entry]', opId, check);

/** A register of a field this build does not know: a plain value under a plain name. */
const unknownRegister = register((v, path) =>
  (typeof v === 'string' && v.length <= 10_000) || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' || v === null
    ? v
    : (() => {
        throw new ShapeError(path, 'Not a plain value');
      })(),
);
const REGISTER_NAME = /^[a-z][A-Za-z0-9]{0,63}$/;
const PROTO = '__proto__';
const MAX_UNKNOWN_REGISTERS = 32;

/**
 * An entity's registers: the ones this build knows are checked by their own rule; others (fields of
 * a newer build, protocol-spec.md "Versioning") must be plain registers under a plain name, a few.
 */
const entity =
  (known: Record<string, Check>): Check =>
  (json, path) => {
    if (!isRecord(json)) throw new ShapeError(path, 'Expected an object');
    // `__proto__` (an own key once JSON.parse made it) is no register: it is dropped when read (`stampReader`).
    const unknown = Object.keys(json).filter((name) => !Object.hasOwn(known, name) && name !== PROTO);
    for (const [name, check] of Object.entries(known)) if (json[name] !== undefined) check(json[name], `${path}.${name}`);
    for (const name of unknown) unknownRegister(json[name], `${path}.${name}`);
    if (unknown.length > MAX_UNKNOWN_REGISTERS) throw new ShapeError(path, `At most ${MAX_UNKNOWN_REGISTERS} registers this build does not know`);
    for (const name of unknown) if (!REGISTER_NAME.test(name)) throw new ShapeError(`${path}.${name}`, 'Not a register name');
    return json;
  };

const recurrenceRule: Check = (v, path) => {
  if (v !== null && (typeof v !== 'string' || !isRecurrenceRule(v))) throw new ShapeError(path, 'Not a repeat rule');
  return v;
};

const listEntry = entity({ created: stamp, name: register(listName), archived: register(bool) });
const taskEntry = entity({
  added: (v, path) => {
    if (v !== true) throw new ShapeError(path, 'Expected true');
    return v;
  },
  title: register(title),
  notes: register(notes),
  dueDay: register(dueDay),
  completed: register(bool),
  position: register(position),
  priority: register(priority),
  dueTime: register(dueTime),
  rule: register(recurrenceRule),
  repeatFrom: register(repeatFrom),
  reminder: register(minutesBefore),
});

const body = (entities: 'lists' | 'tasks', check: Check) => ({ maxClock, actors: arrayOf(opId), [entities]: arrayOf(entry(check)), deleted: arrayOf(opId) });
const registryBody: Check<RegistryBody> = (json, path) => strict(json, path, body('lists', listEntry)) as unknown as RegistryBody;
const listBody: Check<ListBody> = (json, path) => strict(json, path, body('tasks', taskEntry)) as unknown as ListBody;
const version: Check = (v, path) => {
  if (v !== SNAPSHOT_VERSION) throw new ShapeError(path, `Expected version ${SNAPSHOT_VERSION}`);
  return v;
};

export interface DocumentSnapshot {
  v: typeof SNAPSHOT_VERSION;
  registry: RegistryBody;
  lists: [string, ListBody][];
  kept?: unknown[];
}

/** A whole user's state, `TaskDocument.toSnapshot`, with the ops it keeps for a newer build; throws a ShapeError. */
export function checkDocumentSnapshot(json: unknown): DocumentSnapshot {
  return strict(
    json,
    '',
    { v: version, registry: registryBody, lists: arrayOf(entry(listBody)) },
    { kept: arrayOf(checkKeptOp, MAX_KEPT_OPS) },
  ) as unknown as DocumentSnapshot;
}

export type ResourceSnapshot =
  | { v: typeof SNAPSHOT_VERSION; scope: 'registry'; resourceId: typeof REGISTRY_ID; state: RegistryBody }
  | { v: typeof SNAPSHOT_VERSION; scope: 'list'; resourceId: string; state: ListBody };

/** One resource's state, as the server stores it per (scope, resourceId), `snapshotResource`; throws a ShapeError. */
export function checkResourceSnapshot(json: unknown): ResourceSnapshot {
  const scope = isRecord(json) ? json.scope : undefined;
  if (scope === 'registry')
    return strict(json, '', {
      v: version,
      scope: () => scope,
      resourceId: (id, path) => {
        if (id !== REGISTRY_ID) throw new ShapeError(path, `Expected ${REGISTRY_ID}`);
        return id;
      },
      state: registryBody,
    }) as unknown as ResourceSnapshot;
  if (scope === 'list') return strict(json, '', { v: version, scope: () => scope, resourceId: opId, state: listBody }) as unknown as ResourceSnapshot;
  throw new ShapeError('scope', 'Use registry or list');
}

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
        if (json === undefined || notRegisters.includes(name) || name === PROTO) continue;
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
