import { describe, expect, it } from 'vitest';
import { GET as openapi } from '@/app/api/v1/openapi.json/route';
import { z } from 'zod';
import type { RouteSchemas } from '@/lib/server/platform/http/route';
import { dataSchemaName, type OpenApiDocument } from '@/lib/shared/openapi/native';
import { SYNC_ENTITY_TYPES } from '@/lib/shared/schemas/records-sync';
import { call } from './helpers';

type RouteModule = Record<string, unknown>;
const modules = import.meta.glob<RouteModule>('/app/api/**/route.ts');

async function served(): Promise<OpenApiDocument> {
  const res = await call(openapi, '/api/v1/openapi.json');
  expect(res.status).toBe(200);
  return res.json();
}

/** Every `$ref` anywhere in a value. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('the native API’s OpenAPI document', () => {
  it('documents GET and PATCH /api/me for key holders, with the profile schemas', async () => {
    const doc = await served();
    const me = doc.paths['/api/me'];
    expect(me.get?.security).toContainEqual({ bearer: [] });
    expect(me.get?.responses['200'].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/Profile' });
    expect(me.get?.responses['401']).toBeDefined();
    expect(me.patch?.security).toContainEqual({ bearer: [] });
    expect(me.patch?.requestBody?.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ProfilePatch' });
    expect(Object.keys((doc.components.schemas.Profile as { properties: object }).properties)).toEqual(
      expect.arrayContaining(['id', 'email', 'name', 'timezone', 'theme']),
    );
    expect(Object.keys((doc.components.schemas.ProfilePatch as { properties: object }).properties).sort()).toEqual(['name', 'theme', 'timezone']);
  });

  it('describes the task ops, the new task details included, for native clients', async () => {
    const doc = await served();
    const text = JSON.stringify(doc.components.schemas.TaskOp);
    for (const type of ['addTask', 'setCompleted', 'setPriority', 'setDueTime', 'setRecurrence', 'setReminder']) expect(text).toContain(`"${type}"`);
  });

  it('documents GET /api/events as a text/event-stream for key holders, with its device id and the event data', async () => {
    const doc = await served();
    const events = doc.paths['/api/events']?.get;
    expect(events?.security).toContainEqual({ bearer: [] });
    expect(Object.keys(events?.responses['200'].content ?? {})).toEqual(['text/event-stream']);
    expect(events?.responses['401']).toBeDefined();
    expect(events?.parameters).toContainEqual(expect.objectContaining({ name: 'deviceId', in: 'query', required: true }));
    expect(events?.parameters).toContainEqual(expect.objectContaining({ name: 'Last-Event-ID', in: 'header' }));
    expect(Object.keys((doc.components.schemas.EventData as { properties: object }).properties)).toEqual(
      expect.arrayContaining(['id', 'channel', 'type', 'sourceDeviceId', 'changedScopes']),
    );
  });

  it('documents only routes and methods that exist, and every $ref resolves', async () => {
    const doc = await served();
    for (const [path, methods] of Object.entries(doc.paths)) {
      const file = `/app${path.replace(/\{(\w+)\}/g, '[$1]')}/route.ts`;
      expect(modules[file], `${path} has no route file`).toBeDefined();
      const mod = await modules[file]();
      for (const method of Object.keys(methods)) expect(mod[method.toUpperCase()], `${method.toUpperCase()} ${path}`).toBeTypeOf('function');
    }
    const refs = new Set(refsIn(doc));
    expect(refs.size).toBeGreaterThan(10);
    for (const ref of refs) expect(doc.components.schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
  });

  it('documents the optional Idempotency-Key header and its 422 on every write, and on no read', async () => {
    const doc = await served();
    let writes = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const header = operation.parameters?.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
        if (method === 'get') {
          expect(header, `GET ${path}`).toBeUndefined();
          continue;
        }
        writes += 1;
        expect(header, `${method.toUpperCase()} ${path}`).toMatchObject({ required: false, schema: { type: 'string' } });
        expect(operation.responses['422'], `${method.toUpperCase()} ${path}`).toBeDefined();
      }
    }
    expect(writes).toBeGreaterThan(5);
  });
});

/** A schema as the document carries it: the JSON Schema of what the route parses, without `$schema`. */
function documented(schema: z.ZodType): unknown {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function resolve(doc: OpenApiDocument, schema: unknown): unknown {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  return ref ? doc.components.schemas[ref.replace('#/components/schemas/', '')] : schema;
}

describe('the document says what the server enforces', () => {
  it('every documented body and query is the JSON Schema of what that route parses with (route().schemas)', async () => {
    const doc = await served();
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      const mod = await modules[`/app${path.replace(/\{(\w+)\}/g, '[$1]')}/route.ts`]();
      for (const [method, operation] of Object.entries(methods)) {
        const schemas = (mod[method.toUpperCase()] as { schemas?: RouteSchemas }).schemas;
        const bodySchema = operation?.requestBody?.content['application/json'].schema;
        if (schemas?.body) {
          const parsed = documented(schemas.body) as Record<string, unknown>;
          const inDoc = resolve(doc, bodySchema) as Record<string, unknown>;
          // The upload's `changes` items point at SyncChange (one variant per entity type), checked below.
          expect({ ...inDoc, properties: undefined }, `${method} ${path} body`).toEqual({ ...parsed, properties: undefined });
          expect(Object.keys(inDoc.properties as object), `${method} ${path} body fields`).toEqual(Object.keys(parsed.properties as object));
          checked += 1;
        } else {
          expect(bodySchema, `${method} ${path} documents a body it does not read`).toBeUndefined();
        }
        const query = (operation?.parameters ?? []).filter((p) => p.in === 'query');
        if (schemas?.query) {
          const parsed = documented(schemas.query) as { properties: Record<string, { description?: string }>; required?: string[] };
          expect(query.map((p) => p.name).sort(), `${method} ${path} query`).toEqual(Object.keys(parsed.properties).sort());
          for (const p of query) {
            const { description: _d, ...rule } = parsed.properties[p.name];
            expect(p.schema, `${method} ${path} ?${p.name}`).toEqual(rule);
            expect(p.required, `${method} ${path} ?${p.name} required`).toBe(parsed.required?.includes(p.name) ?? false);
          }
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it("documents each change's data as its entity type's record, a patch as at least one field, and the time zone's IANA rule", async () => {
    const doc = await served();
    const change = doc.components.schemas.SyncChange as { oneOf: { properties: { entityType: { const: string }; data: { anyOf: unknown[] } } }[] };
    expect(change.oneOf.map((v) => v.properties.entityType.const)).toEqual(SYNC_ENTITY_TYPES);
    for (const v of change.oneOf)
      expect(v.properties.data.anyOf).toContainEqual({ $ref: `#/components/schemas/${dataSchemaName(v.properties.entityType.const as never)}` });
    expect(doc.components.schemas.ProfilePatch).toMatchObject({ minProperties: 1 });
    const timezone = (doc.components.schemas.ProfilePatch as { properties: { timezone: { pattern?: string } } }).properties.timezone;
    expect(new RegExp(timezone.pattern!).test('Europe/Paris')).toBe(true);
    expect(new RegExp(timezone.pattern!).test('not a zone!')).toBe(false);
    const name = (doc.components.schemas.ProfilePatch as { properties: { name: { pattern?: string } } }).properties.name;
    expect(new RegExp(name.pattern!).test('Ada\u0000')).toBe(false);
  });
});
