import fc from 'fast-check';
import { z } from 'zod';

// fast-check arbitraries for the bad-input fuzz: bodies that match a route's zod schema as far as
// JSON Schema can say (refinements are left to chance), hostile values, and one-field mutations.

/** The part of JSON Schema (draft 2020-12) that z.toJSONSchema emits for our API schemas. */
export interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

/** What the client sends, not what the handler gets: transforms and defaults are not applied yet. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** JSON text that JSON.stringify cannot produce (1e400, 10,000 levels of nesting), spliced in as is. */
export class RawJson {
  constructor(readonly text: string) {}
}

const nonce = Math.random().toString(36).slice(2);

/** JSON.stringify, except that RawJson values go in verbatim. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof RawJson ? `@raw-${nonce}-${raws.push(v.text) - 1}@` : v));
  return (text ?? 'null').replace(new RegExp(`"@raw-${nonce}-(\\d+)@"`, 'g'), (_m, i: string) => raws[Number(i)]);
}

export interface ArbitraryOptions {
  /** Ids of real records, mixed into every UUID so that a body can name something that exists. */
  uuids?: readonly string[];
  /** Schemas for `$ref`s the document does not define itself (OpenAPI components). */
  refs?: Record<string, JsonSchema>;
}

const BIGGEST = BigInt(Number.MAX_SAFE_INTEGER);

function integerArb(s: JsonSchema): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -Number.MAX_SAFE_INTEGER);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : Number.MAX_SAFE_INTEGER);
  const lo = BigInt(Math.ceil(Math.max(min, -Number.MAX_SAFE_INTEGER)));
  const hi = BigInt(Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER)));
  return fc.bigInt({ min: lo > hi ? -BIGGEST : lo, max: lo > hi ? BIGGEST : hi }).map(Number);
}

function stringArb(s: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 40, 40));
  const fits = (v: string) => v.length >= minLength && v.length <= (s.maxLength ?? Infinity);
  switch (s.format) {
    case 'uuid':
      return options.uuids?.length ? fc.oneof(fc.uuid(), fc.constantFrom(...options.uuids)) : fc.uuid();
    case 'date':
      return fc.date({ min: new Date('1960-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
  }
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern), { maxLength: s.maxLength }).filter(fits);
    } catch {
      // A pattern fast-check cannot read (lookarounds): plain strings below.
    }
  }
  return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ minLength, maxLength, unit: 'grapheme' }));
}

function resolve(ref: string, root: JsonSchema, options: ArbitraryOptions): JsonSchema | undefined {
  const local = /^#\/\$defs\/(.+)$/.exec(ref);
  return local ? root.$defs?.[local[1]] : options.refs?.[ref];
}

/** Values the JSON schema allows; refinements it cannot express (a day that exists, a weekly goal) may still fail. */
export function validish(schema: JsonSchema, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const build = (s: JsonSchema, depth: number): fc.Arbitrary<unknown> => {
    if (depth > 8) return fc.constant(null);
    if (s.$ref) {
      const target = resolve(s.$ref, schema, options);
      return target ? build(target, depth + 1) : fc.jsonValue({ maxDepth: 2 });
    }
    if ('const' in s) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const alternatives = s.anyOf ?? s.oneOf;
    if (alternatives) return fc.oneof(...alternatives.map((a) => build(a, depth + 1)));
    if (s.allOf?.length) return build(s.allOf[0], depth + 1);
    if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => build({ ...s, type }, depth + 1)));
    switch (s.type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return integerArb(s);
      case 'number':
        return fc.double({ min: s.minimum, max: s.maximum, noNaN: true, noDefaultInfinity: true });
      case 'string':
        return stringArb(s, options);
      case 'array':
        return fc.array(build(s.items ?? {}, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)) });
      case 'object': {
        const properties = s.properties ?? {};
        if (Object.keys(properties).length === 0 && typeof s.additionalProperties === 'object') {
          return fc.dictionary(fc.string({ maxLength: 12 }), build(s.additionalProperties, depth + 1), { maxKeys: 4 });
        }
        const model = Object.fromEntries(Object.entries(properties).map(([key, p]) => [key, build(p, depth + 1)]));
        return fc.record(model, { requiredKeys: s.required ?? [] });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  };
  return build(schema, 0);
}

// Hostile values: each is wrong for some field, many for all of them.

const LONG_STRING = 'x'.repeat(100_000);

export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' \t\n ',
  'nul\u0000inside',
  '\ud800',
  'pair cut \ud83d',
  '\u202egnp.exe',
  '\ufeffbom',
  '\u200b\u200d',
  "' OR '1'='1'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '../../../etc/passwd',
  '%00%ff%zz',
  'NaN',
  '1e308',
  'null',
  '__proto__',
  'e\u0301\u0301\u0301\u0301',
  '🎉'.repeat(5_000),
  LONG_STRING,
];

export const HOSTILE_NUMBERS: readonly unknown[] = [
  1e308,
  -1e308,
  -0,
  2 ** 64,
  -(2 ** 64),
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  8_640_000_000_000_001,
  0.5,
  -1,
  0,
  5e-324,
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson('123456789012345678901234567890'),
  new RawJson('1.0'),
  new RawJson('-0.0'),
  'NaN',
  '1e308',
  '42',
];

export const DEEP_ARRAY = new RawJson(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
export const DEEP_OBJECT = new RawJson(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);

/** Own `__proto__` / `constructor` keys, as JSON.parse makes them (an object literal would set the prototype). */
export const PROTO_VALUES: readonly unknown[] = [
  JSON.parse('{"__proto__":{"polluted":"yes"}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('{"__proto__":null}'),
];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom<unknown>(null, true, false, [], {}, [null], [[]], DEEP_ARRAY, DEEP_OBJECT, ...PROTO_VALUES),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);

// One mutation of a near-valid body: a field replaced, removed, or an unknown one added.

export type Path = (string | number)[];

export type Mutation =
  { kind: 'replace'; pick: number; value: unknown } | { kind: 'remove'; pick: number } | { kind: 'add'; pick: number; key: string; value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      pick: fc.nat(),
      key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'userId', '', 'x'),
      value: hostileValue,
    }),
  },
);

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === 'object' && v !== null && !(v instanceof RawJson);

/** Every position inside a value down to `depth` levels, parents before children. */
export function pathsOf(value: unknown, depth = 4, prefix: Path = []): Path[] {
  if (!isContainer(value) || depth === 0) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...pathsOf((value as Record<string, unknown>)[k], depth - 1, [...prefix, k])]);
}

/** A deep copy that keeps own `__proto__` keys and RawJson values. */
function copy(value: unknown): unknown {
  if (!isContainer(value)) return value;
  if (Array.isArray(value)) return value.map(copy);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: copy(v), enumerable: true, writable: true, configurable: true });
  return out;
}

function at(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (isContainer(v) ? (v as Record<string, unknown>)[k] : undefined), value);
}

function set(container: Record<string, unknown> | unknown[], key: string | number, v: unknown): void {
  Object.defineProperty(container, key, { value: v, enumerable: true, writable: true, configurable: true });
}

const show = (path: Path) => (path.length ? path.join('.') : '(body)');

/** Applies a mutation to a copy of `base`; `note` says what changed, for failure messages. */
export function mutate(base: unknown, m: Mutation): { body: unknown; note: string } {
  const body = copy(base);
  if (m.kind === 'add') {
    const objects: Path[] = [[], ...pathsOf(body)].filter((p) => isContainer(at(body, p)) && !Array.isArray(at(body, p)));
    if (objects.length === 0) return { body, note: 'unchanged (no object to add to)' };
    const path = objects[m.pick % objects.length];
    set(at(body, path) as Record<string, unknown>, m.key, m.value);
    return { body, note: `${show([...path, m.key])} added` };
  }
  const paths = pathsOf(body);
  if (paths.length === 0) return m.kind === 'replace' ? { body: m.value, note: '(body) replaced' } : { body, note: 'unchanged (nothing to remove)' };
  const path = paths[m.pick % paths.length];
  const parent = at(body, path.slice(0, -1)) as Record<string, unknown> | unknown[];
  const key = path[path.length - 1];
  if (m.kind === 'replace') {
    set(parent, key, m.value);
    return { body, note: `${show(path)} replaced` };
  }
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return { body, note: `${show(path)} removed` };
}
