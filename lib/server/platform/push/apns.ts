import 'server-only';
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import type { KeyObject } from 'node:crypto';
import type { PushEnvironment } from '@/lib/shared/schemas/device-tokens';
import { config } from '@/lib/server/platform/config';
import { ApnsConnection, ApnsRequestError, exchange, type ApnsAnswer } from './apns-connection';
import { systemClock, type PushClock } from './clock';
import { parseApnsKey, ProviderToken, type SignedProviderToken } from './provider-token';

export { ApnsRequestError, type ApnsAnswer } from './apns-connection';

export const APNS_ORIGINS: Readonly<Record<PushEnvironment, string>> = {
  dev: 'https://api.sandbox.push.apple.com',
  prod: 'https://api.push.apple.com',
};

export interface ApnsClientOptions {
  key: KeyObject;
  keyId: string;
  teamId: string;
  /** The `apns-topic` (bundle ID) per environment; an environment without one is not pushed to. */
  topics: Partial<Record<PushEnvironment, string>>;
  /** One origin for every environment (tests, a proxy) instead of Apple's. */
  origin?: string;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Delay before reconnecting after a failed connection: doubles from `minMs` up to `maxMs`. */
  reconnect?: { minMs: number; maxMs: number };
  /** Time for the provider token's `iat` and `apns-expiration`. */
  clock?: PushClock;
  /** Extra TLS / HTTP/2 options for every connection, e.g. `{ ca }` to trust a test server. */
  connectOptions?: (environment: PushEnvironment) => http2.SecureClientSessionOptions;
}

export interface ApnsNotification {
  token: string;
  environment: PushEnvironment;
  /** The JSON payload, already checked against APNs' 4 KB limit. */
  payload: string;
  /** `apns-expiration`: seconds since the epoch. */
  expiration: number;
}

/**
 * APNs over node:http2 with token-based auth (docs/decisions/009-apns-client.md): one connection
 * per environment, the provider token cached and renewed by its rules, an expired one re-signed
 * and the push resent once, a push lost to a dropped connection resent once on a new one.
 */
export class ApnsClient {
  readonly providerToken: ProviderToken;
  private readonly clock: PushClock;
  private readonly connections = new Map<PushEnvironment, ApnsConnection>();
  private readonly requestTimeoutMs: number;

  constructor(private readonly o: ApnsClientOptions) {
    this.clock = o.clock ?? systemClock;
    this.requestTimeoutMs = o.requestTimeoutMs ?? 10_000;
    this.providerToken = new ProviderToken({ key: o.key, keyId: o.keyId, teamId: o.teamId, now: () => this.clock.now() });
  }

  topicFor(environment: PushEnvironment): string | null {
    return this.o.topics[environment] ?? null;
  }

  /** Sends one silent (background, priority 5) push; throws ApnsRequestError when APNs gave no answer. */
  async send(n: ApnsNotification): Promise<ApnsAnswer> {
    const used = this.providerToken.get();
    const answer = await this.request(n, used);
    if (answer.status !== 403 || answer.reason !== 'ExpiredProviderToken') return answer;
    const renewed = this.providerToken.renewAfterExpired(used);
    return renewed ? this.request(n, renewed) : answer;
  }

  private async request(n: ApnsNotification, auth: SignedProviderToken): Promise<ApnsAnswer> {
    const topic = this.topicFor(n.environment);
    if (!topic) throw new Error(`No APNs topic (bundle ID) for the ${n.environment} environment`);
    const headers: http2.OutgoingHttpHeaders = {
      ':method': 'POST',
      ':path': `/3/device/${n.token}`,
      authorization: `bearer ${auth.jwt}`,
      'apns-push-type': 'background',
      'apns-priority': '5',
      'apns-topic': topic,
      'apns-expiration': String(n.expiration),
      'content-type': 'application/json',
    };
    try {
      return await exchange(await this.connection(n.environment).get(), headers, n.payload, this.requestTimeoutMs);
    } catch (err) {
      if (!(err instanceof ApnsRequestError) || !err.retryable) throw err;
      return exchange(await this.connection(n.environment).get(), headers, n.payload, this.requestTimeoutMs);
    }
  }

  private connection(environment: PushEnvironment): ApnsConnection {
    let conn = this.connections.get(environment);
    if (!conn) {
      const extra = this.o.connectOptions;
      conn = new ApnsConnection(
        this.o.origin ?? APNS_ORIGINS[environment],
        () => extra?.(environment) ?? {},
        this.o.connectTimeoutMs ?? 10_000,
        this.o.reconnect ?? { minMs: 1000, maxMs: 60_000 },
      );
      this.connections.set(environment, conn);
    }
    return conn;
  }

  async close(): Promise<void> {
    await Promise.all([...this.connections.values()].map((c) => c.close()));
    this.connections.clear();
  }
}

/** The client for this server's APNS_* configuration; null when silent pushes are not configured. */
export function apnsClientFromConfig(overrides: Pick<ApnsClientOptions, 'clock' | 'connectOptions' | 'reconnect'> = {}): ApnsClient | null {
  const c = config();
  if (!c.apnsConfigured) return null;
  const pem = c.APNS_KEY ?? readFileSync(c.APNS_KEY_PATH!, 'utf8');
  return new ApnsClient({
    key: parseApnsKey(pem),
    keyId: c.APNS_KEY_ID!,
    teamId: c.APNS_TEAM_ID!,
    topics: { dev: c.APNS_BUNDLE_ID_DEV ?? c.APNS_BUNDLE_ID, prod: c.APNS_BUNDLE_ID_PROD ?? c.APNS_BUNDLE_ID },
    origin: c.APNS_ORIGIN,
    connectTimeoutMs: c.APNS_CONNECT_TIMEOUT_MS,
    requestTimeoutMs: c.APNS_REQUEST_TIMEOUT_MS,
    ...overrides,
  });
}
