import { encode } from 'next-auth/jwt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const decodes = vi.hoisted(() => ({ count: 0 }));
vi.mock('next-auth/jwt', async (importOriginal) => {
  const real = await importOriginal<typeof import('next-auth/jwt')>();
  return { ...real, decode: (params: Parameters<typeof real.decode>[0]) => (decodes.count++, real.decode(params)) };
});

const { SessionTokenCache } = await import('./session-token');

const SECRET = 'session-token-test-secret-0123456789abcdef';

async function token(sub: string, maxAge = 3600) {
  return encode({ token: { sub }, secret: SECRET, maxAge });
}

describe('SessionTokenCache', () => {
  let cache: InstanceType<typeof SessionTokenCache>;
  const decodeSessionToken = (t: string, secret: string, now?: number) => cache.decode(t, secret, now);

  beforeEach(() => {
    cache = new SessionTokenCache(3);
    decodes.count = 0;
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('decodes a token once, then answers from memory', async () => {
    const t = await token('user-1');
    expect((await decodeSessionToken(t, SECRET))?.sub).toBe('user-1');
    expect((await decodeSessionToken(t, SECRET))?.sub).toBe('user-1');
    expect(decodes.count).toBe(1);
  });

  it('decodes again after a minute, and never answers from memory past the token’s exp', async () => {
    // On a whole second, frozen: the token's exp is then exactly now + 30 s (exp is in seconds, so a
    // second ticking over between encoding and reading the clock would take up to 1 s off it).
    const now = Math.floor(Date.now() / 1000) * 1000;
    vi.useFakeTimers({ toFake: ['Date'], now });
    const t = await token('user-2', 30);
    await decodeSessionToken(t, SECRET, now);
    await decodeSessionToken(t, SECRET, now + 29_000);
    expect(decodes.count).toBe(1);
    // Past exp the decoder decides again (next-auth itself allows 15 s of clock skew), and what it
    // says about an expired token is not kept.
    await decodeSessionToken(t, SECRET, now + 31_000);
    await decodeSessionToken(t, SECRET, now + 32_000);
    expect(decodes.count).toBe(3);
    const long = await token('user-3');
    await decodeSessionToken(long, SECRET, now);
    await decodeSessionToken(long, SECRET, now + 59_000);
    await decodeSessionToken(long, SECRET, now + 61_000);
    expect(decodes.count).toBe(5);
  });

  it('keeps nothing for a token that does not decode, nor across secrets', async () => {
    await expect(decodeSessionToken('not-a-jwe', SECRET)).rejects.toThrow();
    expect(cache.size).toBe(0);
    const t = await token('user-4');
    await decodeSessionToken(t, SECRET);
    await expect(decodeSessionToken(t, 'another-secret-another-secret-0123456789')).rejects.toThrow();
    expect(decodes.count).toBe(3);
  });

  it('holds at most its size, dropping the least recently used', async () => {
    const [a, b, c, d] = await Promise.all(['a', 'b', 'c', 'd'].map((sub) => token(sub)));
    for (const t of [a, b, c]) await decodeSessionToken(t, SECRET);
    await decodeSessionToken(a, SECRET); // a is now the most recently used
    await decodeSessionToken(d, SECRET); // evicts b
    expect(cache.size).toBe(3);
    expect(decodes.count).toBe(4);
    await decodeSessionToken(a, SECRET);
    await decodeSessionToken(c, SECRET);
    expect(decodes.count).toBe(4);
    await decodeSessionToken(b, SECRET);
    expect(decodes.count).toBe(5);
  });
});
