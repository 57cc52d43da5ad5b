/**
 * Ops read from outside a TaskDocument (the server, storage, another tab) are checked here, by hand:
 * the browser's tasks engine loads no Zod (decision 065). The rules are those of the API's Zod
 * schemas (lib/shared/schemas/oplog.ts, which answer a refused push with a 400 and its issues);
 * `check.test.ts` holds the two to the same answer for every op it tries, and fuzzes between them.
 *
 * No transforms: an op that passes is returned as it came, and every replica materialises exactly
 * what was checked.
 */
import { addDays, DAY_PATTERN } from '../days';
import { recurrenceProblem } from '../recurrence-rule';
import { codePointLength, STORABLE } from '../storable-text';
import { isOrderKey } from './position';
import { REGISTRY_ID, type KeptOpEnvelope, type ListOp, type OpEnvelope, type RegistryOp } from './ops';

/** An input that is not what it should be: `path` says where, as `a.b[0]`. */
export class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'ShapeError';
  }
}

export type Check<T = unknown> = (value: unknown, path: string) => T;

const at = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function fail(path: string, problem: string): never {
  throw new ShapeError(path, problem);
}

// ---- Values -----------------------------------------------------------------------------------

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A whole number within [min, max] (a safe integer, as the API's `z.number().int()`). */
export const int =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check<number> =>
  (value, path) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max
      ? value
      : fail(path, `Expected a whole number from ${min} to ${max}`);

export const bool: Check<boolean> = (value, path) => (typeof value === 'boolean' ? value : fail(path, 'Expected true or false'));

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (value, path) =>
    value === null ? null : check(value, path);

/** A string of at most `max` code points that passes `ok`. */
const string =
  (max: number, ok: (s: string) => boolean = () => true, problem = 'Not allowed here'): Check<string> =>
  (value, path) => {
    if (typeof value !== 'string') fail(path, 'Expected text');
    if (value.length > max && codePointLength(value) > max) fail(path, `At most ${max} characters`);
    return ok(value) ? value : fail(path, problem);
  };

const OP_ID = /^[A-Za-z0-9_-]+$/;
/** A list, task, actor or client id: 1–100 letters, digits, - and _. */
export const opId: Check<string> = (value, path) =>
  typeof value === 'string' && value.length >= 1 && value.length <= 100 && OP_ID.test(value) ? value : fail(path, 'Use 1 to 100 letters, digits, - and _');
export const clock = int(1);

const storable = (s: string) => STORABLE.test(s);
const notBlank = (s: string) => storable(s) && s.trim().length > 0;
export const title = string(500, notBlank, 'Enter a title');
export const listName = string(500, notBlank, 'Enter a name');
export const notes = string(10_000, storable, 'Remove the NUL character or the broken Unicode');
// addDays throws on a malformed day: the pattern first.
const isCalendarDay = (day: string) => DAY_PATTERN.test(day) && addDays(day, 0) === day;
export const day = string(Infinity, isCalendarDay, 'Use a calendar day, YYYY-MM-DD');
export const dueDay = nullable(day);
export const priority: Check<1 | 2 | 3 | 4 | null> = (value, path) =>
  value === null || value === 1 || value === 2 || value === 3 || value === 4 ? value : fail(path, 'Use 1, 2, 3, 4 or null');
export const dueTime = nullable(string(Infinity, (s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s), 'Use a time, HH:MM (24 h)'));
export const repeatFrom: Check<'due' | 'completion'> = (value, path) =>
  value === 'due' || value === 'completion' ? value : fail(path, 'Use due or completion');
/** Up to four weeks before the due time. */
export const minutesBefore = nullable(int(0, 40_320));
export const position = string(1_000, isOrderKey, 'Not a fractional index key');

// ---- Objects ----------------------------------------------------------------------------------

type Shape = Record<string, Check>;

/**
 * An object with exactly these keys (`optional` ones may be missing or undefined), each checked; a
 * key it does not name is refused, as the API's strict objects refuse it.
 */
export function strict(value: unknown, path: string, required: Shape, optional: Shape = {}): Record<string, unknown> {
  if (!isRecord(value)) fail(path, 'Expected an object');
  for (const key of Object.keys(value)) if (!Object.hasOwn(required, key) && !Object.hasOwn(optional, key)) fail(at(path, key), 'Not a known field');
  for (const [key, check] of Object.entries(required)) check(value[key], at(path, key));
  for (const [key, check] of Object.entries(optional)) if (value[key] !== undefined) check(value[key], at(path, key));
  return value;
}

const literal =
  <T extends string | number | boolean>(expected: T): Check<T> =>
  (value, path) =>
    value === expected ? expected : fail(path, `Expected ${JSON.stringify(expected)}`);

// ---- Ops ----------------------------------------------------------------------------------------

const LIST_OPS: Record<RegistryOp['type'], Shape> = {
  createList: { name: listName },
  renameList: { name: listName },
  archiveList: { archived: bool },
  deleteList: {},
};

const editFields: Check = (value, path) => {
  const fields = strict(value, path, {}, { title, notes });
  return fields.title !== undefined || fields.notes !== undefined ? fields : fail(path, 'Change the title or the notes');
};

const TASK_OPS: Record<ListOp['type'], { required: Shape; optional?: Shape }> = {
  addTask: { required: { title, position }, optional: { notes, dueDay } },
  setPriority: { required: { priority } },
  setDueTime: { required: { dueTime } },
  setRecurrence: { required: { rule: nullable(string(Infinity)), from: repeatFrom } },
  setReminder: { required: { minutesBefore } },
  editTask: { required: { fields: editFields } },
  setDue: { required: { dueDay } },
  setCompleted: { required: { completed: bool } },
  moveTask: { required: { position } },
  deleteTask: { required: {} },
};

/** The op types this build reads; an op of another type is kept for a newer build (`readOps`). */
export const KNOWN_OP_TYPES: ReadonlySet<string> = new Set([...Object.keys(LIST_OPS), ...Object.keys(TASK_OPS)]);

const typeOf = (value: unknown, path: string, types: object): string => {
  const type = isRecord(value) ? value.type : undefined;
  return typeof type === 'string' && Object.hasOwn(types, type) ? type : fail(at(path, 'type'), `Not one of ${Object.keys(types).join(', ')}`);
};

/** A registry op's payload (create, rename, archive or delete a list). */
export function checkRegistryOp(value: unknown, path = 'payload'): RegistryOp {
  const type = typeOf(value, path, LIST_OPS) as RegistryOp['type'];
  return strict(value, path, { type: literal(type), listId: opId, ...LIST_OPS[type] }) as unknown as RegistryOp;
}

/** A list op's payload (a task's addition or one of its changes). */
export function checkListOp(value: unknown, path = 'payload'): ListOp {
  const type = typeOf(value, path, TASK_OPS) as ListOp['type'];
  const { required, optional } = TASK_OPS[type];
  const op = strict(value, path, { type: literal(type), taskId: opId, ...required }, optional);
  if (type === 'setRecurrence' && op.rule !== null) {
    const problem = recurrenceProblem(op.rule as string, op.from as 'due' | 'completion');
    if (problem) fail(at(path, 'rule'), problem);
  }
  return op as unknown as ListOp;
}

/** One op of the log: its resource, its actor and clock, and a payload this build reads. Throws a ShapeError. */
export function checkOpEnvelope(value: unknown, path = ''): OpEnvelope {
  const scope = isRecord(value) && (value.scope === 'registry' || value.scope === 'list') ? value.scope : fail(at(path, 'scope'), 'Use registry or list');
  const registry = scope === 'registry';
  return strict(value, path, {
    scope: literal(scope),
    resourceId: registry ? literal(REGISTRY_ID) : opId,
    actor: opId,
    clock,
    payload: registry ? checkRegistryOp : checkListOp,
  }) as unknown as OpEnvelope;
}

export function isOpEnvelope(value: unknown): value is OpEnvelope {
  return attempt(checkOpEnvelope, value);
}

/** How many ops of unknown types a replica keeps for a newer build at most; past it, the newer build bootstraps. */
export const MAX_KEPT_OPS = 10_000;
const KEPT_TYPE = /^[a-z][A-Za-z0-9]{0,63}$/;

/**
 * An op of a type this build may not know, checked only as far as every op is alike: the envelope,
 * a type name and a payload of bounded size (the server, always the newest build, checked the rest).
 */
export function checkKeptOp(value: unknown, path = ''): KeptOpEnvelope {
  const payload: Check = (p, where) => {
    if (!isRecord(p)) fail(where, 'Expected an object');
    if (typeof p.type !== 'string' || !KEPT_TYPE.test(p.type)) fail(at(where, 'type'), 'Not an op type name');
    return p;
  };
  const scope: Check = (s, where) => (s === 'registry' || s === 'list' ? s : fail(where, 'Use registry or list'));
  const op = strict(value, path, { scope, resourceId: opId, actor: opId, clock, payload });
  return JSON.stringify(op.payload).length <= 64_000 ? (op as unknown as KeptOpEnvelope) : fail(at(path, 'payload'), 'The payload is too large');
}

function attempt(check: Check, value: unknown): boolean {
  try {
    check(value, '');
    return true;
  } catch (err) {
    if (err instanceof ShapeError) return false;
    throw err;
  }
}

export interface ReadOps {
  /** Ops this build reads, ready for `TaskDocument.apply`. */
  ops: OpEnvelope[];
  /** Ops of types this build does not know, for `TaskDocument.keep`. */
  kept: KeptOpEnvelope[];
  /** Items that are no op at all (never sent by a well-behaved server or tab). */
  unreadable: number;
}

/** Sorts raw ops (from the server, another tab or storage) into those this build applies and those it keeps. */
export function readOps(raw: readonly unknown[]): ReadOps {
  const read: ReadOps = { ops: [], kept: [], unreadable: 0 };
  for (const item of raw) {
    if (isOpEnvelope(item)) read.ops.push(item);
    else if (attempt(checkKeptOp, item) && !KNOWN_OP_TYPES.has((item as KeptOpEnvelope).payload.type)) read.kept.push(item as KeptOpEnvelope);
    else read.unreadable += 1;
  }
  return read;
}
