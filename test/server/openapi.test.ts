import { describe, expect, it } from 'vitest';
import { GET as openapi } from '@/app/api/v1/openapi.json/route';
import type { OpenApiDocument } from '@/lib/shared/openapi/native';
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
      expect.arrayContaining(['id', 'email', 'name', 'timezone']),
    );
    expect(Object.keys((doc.components.schemas.ProfilePatch as { properties: object }).properties).sort()).toEqual(['name', 'timezone']);
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
});
