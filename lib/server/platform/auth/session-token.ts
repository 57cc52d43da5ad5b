import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import { decode, type JWT } from 'next-auth/jwt';

/** A decoded token is trusted this long, and never past its own `exp`. */
const TTL_MS = 60_000;

interface Entry {
  jwt: JWT;
  until: number;
}

/**
 * next-auth's `decode` for the session cookie, remembered per token. Decoding costs ~0.2 ms (an
 * HKDF key derivation in the thread pool, then the JWE decryption) and a browser sends the same
 * token on every request. The result of decoding a given token with a given secret never changes
 * except by expiring, so an entry lives until the token's `exp` or TTL_MS, whichever comes first.
 * Tokens that fail to decode are not kept: junk cookies cannot fill the cache.
 */
export class SessionTokenCache {
  private readonly entries = new Map<string, Entry>();

  /** `maxEntries`: about one per signed-in browser the node serves at once; the least recently used goes first. */
  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  async decode(token: string, secret: string, now = Date.now()): Promise<JWT | null> {
    const key = `${secret}\0${token}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      if (hit.until > now) {
        this.entries.set(key, hit); // most recently used last
        return hit.jwt;
      }
    }
    const jwt = await decode({ token, secret });
    if (!jwt) return null;
    const expiresAt = typeof jwt.exp === 'number' ? jwt.exp * 1000 : Infinity;
    if (expiresAt <= now) return jwt;
    this.entries.set(key, { jwt, until: Math.min(now + TTL_MS, expiresAt) });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return jwt;
  }
}

export function sessionTokens(): SessionTokenCache {
  return processSingleton('session-tokens', () => new SessionTokenCache(10_000));
}
