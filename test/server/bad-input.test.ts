import { beforeAll, describe, expect, it } from 'vitest';
import { POST as signup } from '@/app/api/auth/signup/route';
import { PATCH } from '@/app/api/me/route';
import { call, createTestUser, snapshotDb, type CallOptions, type TestUser } from './helpers';

const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) });

type Case = [label: string, status: number, code: string, options: CallOptions];

const bodyClasses = (valid: Record<string, unknown>): Case[] => [
  ['wrong content type', 415, 'unsupported_media_type', { raw: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } }],
  ['no content type', 415, 'unsupported_media_type', { raw: JSON.stringify(valid) }],
  ['malformed JSON', 400, 'invalid_json', { raw: '{"name": ', headers: { 'content-type': 'application/json' } }],
  ['invalid UTF-8', 400, 'invalid_json', { raw: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), headers: { 'content-type': 'application/json' } }],
  ['a body over 1 MiB', 413, 'payload_too_large', { raw: big, headers: { 'content-type': 'application/json' } }],
  ['a JSON array', 400, 'validation_failed', { body: [valid] }],
  ['null', 400, 'validation_failed', { body: null }],
];

describe('POST /api/auth/signup rejects bad input and changes nothing', () => {
  const valid = { email: 'new@example.test', password: 'a fine long password', name: 'New', timezone: 'Europe/Paris' };
  const cases: Case[] = [
    ...bodyClasses(valid),
    ['a bad email', 400, 'validation_failed', { body: { ...valid, email: 'not-an-email' } }],
    ['a short password', 400, 'validation_failed', { body: { ...valid, password: 'short' } }],
    ['a common password', 400, 'validation_failed', { body: { ...valid, password: 'password123' } }],
    ['a one-character password', 400, 'validation_failed', { body: { ...valid, password: 'aaaaaaaaaaaa' } }],
    ['an empty name', 400, 'validation_failed', { body: { ...valid, name: '   ' } }],
    ['an unknown time zone', 400, 'validation_failed', { body: { ...valid, timezone: 'Mars/Olympus' } }],
    ['a wrong type', 400, 'validation_failed', { body: { ...valid, name: 42 } }],
  ];

  it.each(cases)('%s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    const res = await call(signup, '/api/auth/signup', { method: 'POST', ...options });
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    if (code === 'validation_failed') expect(body.error.issues.length).toBeGreaterThan(0);
    expect(await snapshotDb()).toBe(before);
  });

  it('creates the account once and answers a duplicate email (any case) with 409', async () => {
    const first = await call(signup, '/api/auth/signup', { method: 'POST', body: { ...valid, email: 'dup@example.test' } });
    expect(first.status).toBe(201);
    const before = await snapshotDb();
    const second = await call(signup, '/api/auth/signup', { method: 'POST', body: { ...valid, email: 'DUP@example.test' } });
    expect(second.status).toBe(409);
    expect((await second.json()).error.code).toBe('conflict');
    expect(await snapshotDb()).toBe(before);
  });
});

describe('PATCH /api/me rejects bad input and changes nothing', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await createTestUser();
  });

  const cases: Case[] = [
    ...bodyClasses({ name: 'Fine' }),
    ['an empty patch', 400, 'validation_failed', { body: {} }],
    ['an unknown field', 400, 'validation_failed', { body: { name: 'Ok', role: 'admin' } }],
    ['an empty name', 400, 'validation_failed', { body: { name: '' } }],
    ['a name over 100 characters', 400, 'validation_failed', { body: { name: 'x'.repeat(101) } }],
    ['an unknown time zone', 400, 'validation_failed', { body: { timezone: 'Nowhere/Special' } }],
    ['an unknown theme', 400, 'validation_failed', { body: { theme: 'sepia' } }],
  ];

  it.each(cases)('%s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    const res = await call(PATCH, '/api/me', { method: 'PATCH', cookie: user.cookie, ...options });
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
    expect(await snapshotDb()).toBe(before);
  });

  it('answers 401 before looking at the body when nobody is signed in', async () => {
    const res = await call(PATCH, '/api/me', { method: 'PATCH', raw: '{oops', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(401);
  });
});
