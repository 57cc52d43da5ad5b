import { describe, expect, it } from 'vitest';
import { GET, PATCH } from '@/app/api/me/route';
import { call, createTestUser } from './helpers';

describe('GET /api/me is a conditional GET', () => {
  it('answers 200 with an ETag, 304 with the same ETag and no body, and a new ETag after PATCH', async () => {
    const a = await createTestUser();
    const first = await call(GET, '/api/me', { cookie: a.cookie });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('vary')).toBe('Cookie, Authorization');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect((await first.json()).email).toBe(a.email);

    const again = await call(GET, '/api/me', { cookie: a.cookie, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');

    const patched = await call(PATCH, '/api/me', { method: 'PATCH', cookie: a.cookie, body: { name: 'Renamed' } });
    expect(patched.status).toBe(200);

    const after = await call(GET, '/api/me', { cookie: a.cookie, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await after.json()).name).toBe('Renamed');
  });

  it("gives user B their own data when B sends user A's ETag", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const etagA = (await call(GET, '/api/me', { cookie: a.cookie })).headers.get('etag')!;
    const res = await call(GET, '/api/me', { cookie: b.cookie, headers: { 'if-none-match': etagA } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.email).toBe(b.email);
    expect(body.id).not.toBe(a.id);
  });

  it('answers 401 without a session even with a matching If-None-Match', async () => {
    const a = await createTestUser();
    const etag = (await call(GET, '/api/me', { cookie: a.cookie })).headers.get('etag')!;
    const res = await call(GET, '/api/me', { headers: { 'if-none-match': etag } });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });

  it('rejects a forged or garbled session cookie with 401', async () => {
    const res = await call(GET, '/api/me', { cookie: 'next-auth.session-token=not-a-jwt' });
    expect(res.status).toBe(401);
  });

  it("PATCH changes only the caller's own profile", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    await call(PATCH, '/api/me', { method: 'PATCH', cookie: b.cookie, body: { timezone: 'Asia/Tokyo' } });
    const profileA = await (await call(GET, '/api/me', { cookie: a.cookie })).json();
    expect(profileA.timezone).toBe('UTC');
    const profileB = await (await call(GET, '/api/me', { cookie: b.cookie })).json();
    expect(profileB.timezone).toBe('Asia/Tokyo');
  });

  it('PATCH changes the fields it names, keeps the others, and answers the whole profile', async () => {
    const a = await createTestUser();
    const before = await (await call(GET, '/api/me', { cookie: a.cookie })).json();
    const res = await call(PATCH, '/api/me', { method: 'PATCH', cookie: a.cookie, body: { theme: 'dark' } });
    const after = await res.json();
    expect(res.status).toBe(200);
    expect(Object.keys(after).sort()).toEqual(['createdAt', 'email', 'id', 'name', 'role', 'theme', 'timezone', 'updatedAt']);
    expect(after).toEqual({ ...before, theme: 'dark', updatedAt: expect.any(Number) });
    expect(after.updatedAt).toBeGreaterThanOrEqual(before.updatedAt);
    expect(await (await call(GET, '/api/me', { cookie: a.cookie })).json()).toEqual(after);
  });
});

describe('cookie-authenticated writes must be same-origin', () => {
  it.each([
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['an opaque Origin', { origin: 'null' }],
  ])('rejects %s with 403 and changes nothing', async (_label, headers) => {
    const a = await createTestUser();
    const res = await call(PATCH, '/api/me', { method: 'PATCH', cookie: a.cookie, headers, body: { name: 'Evil' } });
    expect(res.status).toBe(403);
    const profile = await (await call(GET, '/api/me', { cookie: a.cookie })).json();
    expect(profile.name).not.toBe('Evil');
  });

  it('accepts a same-origin write', async () => {
    const a = await createTestUser();
    const res = await call(PATCH, '/api/me', {
      method: 'PATCH',
      cookie: a.cookie,
      headers: { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' },
      body: { name: 'Fine' },
    });
    expect(res.status).toBe(200);
  });
});
