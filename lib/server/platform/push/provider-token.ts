import 'server-only';
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

/**
 * Apple: refresh the provider token no more than once every 20 minutes and no less than once an
 * hour; more often answers 429 TooManyProviderTokenUpdates, older answers 403 ExpiredProviderToken.
 */
export const PROVIDER_TOKEN_REFRESH_MS = 20 * 60_000;

export interface SignedProviderToken {
  jwt: string;
  /** When it was signed (ms); `iat` is this in seconds. */
  issuedAt: number;
}

/** Reads an APNs auth key (.p8): PEM, EC on P-256, as Apple issues them. */
export function parseApnsKey(pem: string): KeyObject {
  const key = createPrivateKey({ key: pem.replace(/\\n/g, '\n'), format: 'pem' });
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('The APNs key must be an EC P-256 private key (the .p8 file from Apple)');
  }
  return key;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The ES256 JWT every APNs request carries (header {alg, kid}, claims {iss, iat}). It is reused
 * until it is 20 minutes old. ExpiredProviderToken may force one early re-sign, at most one per
 * 20 minutes however many requests were refused at once.
 */
export class ProviderToken {
  private current: SignedProviderToken | null = null;
  private lastForcedAt = Number.NEGATIVE_INFINITY;
  /** How many tokens were signed (metrics, and the tests that count re-signs). */
  signed = 0;

  constructor(private readonly o: { key: KeyObject; keyId: string; teamId: string; now: () => number }) {}

  get(): SignedProviderToken {
    const now = this.o.now();
    if (!this.current || now - this.current.issuedAt >= PROVIDER_TOKEN_REFRESH_MS) this.current = this.sign(now);
    return this.current;
  }

  /** APNs refused `used` as expired: the token to resend with, or null when a re-sign is not allowed yet. */
  renewAfterExpired(used: SignedProviderToken): SignedProviderToken | null {
    if (this.current && this.current !== used) return this.get();
    const now = this.o.now();
    if (now - this.lastForcedAt < PROVIDER_TOKEN_REFRESH_MS) return null;
    this.lastForcedAt = now;
    this.current = this.sign(now);
    return this.current;
  }

  private sign(now: number): SignedProviderToken {
    const input = `${base64url({ alg: 'ES256', kid: this.o.keyId })}.${base64url({ iss: this.o.teamId, iat: Math.floor(now / 1000) })}`;
    // JWS wants the raw r‖s signature (IEEE P1363), not the DER that node:crypto produces by default.
    const signature = sign('sha256', Buffer.from(input), { key: this.o.key, dsaEncoding: 'ieee-p1363' });
    this.signed += 1;
    return { jwt: `${input}.${signature.toString('base64url')}`, issuedAt: now };
  }
}
