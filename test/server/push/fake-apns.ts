import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/apns/', import.meta.url));

/** The test server's self-signed certificate: the client trusts it through `connectOptions`. */
export const TEST_CA = readFileSync(join(FIXTURES, 'localhost-cert.pem'));

/** A fresh APNs auth key as Apple issues it: EC P-256, PKCS#8 PEM (a `.p8` file). */
export function makeApnsKey(): { pem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey };
}

export interface SeenJwt {
  raw: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export interface SeenRequest {
  token: string;
  headers: Record<string, string>;
  body: string;
  jwt: SeenJwt | null;
  /** Which TLS connection (1, 2, …) it came on. */
  session: number;
}

export type Reply =
  | { status: number; reason?: string; timestamp?: number }
  /** Sends GOAWAY refusing this stream, then drops the connection — Apple closing a connection under it. */
  | { goaway: true }
  /** Drops the connection without a word. */
  | { drop: true };

export interface FakeApnsOptions {
  publicKey: KeyObject;
  keyId: string;
  teamId: string;
  topics: string[];
  /** Apple's clock, for the provider token's age. */
  now: () => number;
}

const HOUR_S = 3600;
const TOKEN_UPDATE_MIN_S = 20 * 60;

function parseJwt(raw: string): SeenJwt | null {
  const parts = raw.split('.');
  if (parts.length !== 3) return null;
  try {
    const [header, claims] = parts.slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')));
    return { raw, header, claims };
  } catch {
    return null;
  }
}

/**
 * A local HTTP/2 TLS server that answers like APNs and checks what Apple checks: the provider
 * token (ES256 signature with the team's key, kid, iss, an iat under an hour old, not replaced
 * more than once per 20 minutes), path, topic, push type, priority, expiration, payload size.
 * `reply` scripts an answer per request once the checks pass (default 200).
 */
export class FakeApns {
  readonly requests: SeenRequest[] = [];
  reply: (req: SeenRequest) => Reply | Promise<Reply> | undefined = () => undefined;
  /** Connections accepted so far. */
  sessions = 0;
  private readonly server: http2.Http2SecureServer;
  private readonly live = new Set<http2.ServerHttp2Session>();
  /** Per connection, like Apple: the provider token in use and whether APNs called it expired. */
  private readonly lastJwt = new WeakMap<http2.Http2Session, { raw: string; iat: number; expired: boolean }>();
  port = 0;

  private constructor(private readonly o: FakeApnsOptions) {
    this.server = http2.createSecureServer({ key: readFileSync(join(FIXTURES, 'localhost-key.pem')), cert: TEST_CA });
    this.server.on('session', (session) => {
      this.live.add(session);
      session.on('close', () => this.live.delete(session));
      session.on('error', () => undefined);
    });
    this.server.on('stream', (stream, headers) => void this.handle(stream, headers));
  }

  static async start(o: FakeApnsOptions): Promise<FakeApns> {
    const fake = new FakeApns(o);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get origin(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** Distinct provider tokens seen, in order. */
  jwts(): string[] {
    return [...new Set(this.requests.map((r) => r.jwt?.raw ?? ''))];
  }

  async close(): Promise<void> {
    for (const s of this.live) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private sessionNumber(session: http2.Http2Session): number {
    const tagged = session as http2.Http2Session & { fakeApnsNumber?: number };
    tagged.fakeApnsNumber ??= ++this.sessions;
    return tagged.fakeApnsNumber;
  }

  private async handle(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): Promise<void> {
    // A stream the client or a GOAWAY closes under us is the point of some tests, not a failure.
    stream.on('error', () => undefined);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const flat = Object.fromEntries(Object.entries(headers).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const path = flat[':path'] ?? '';
    const auth = /^bearer (.+)$/.exec(flat.authorization ?? '');
    const req: SeenRequest = {
      token: path.replace(/^\/3\/device\//, ''),
      headers: flat,
      body,
      jwt: auth ? parseJwt(auth[1]) : null,
      session: this.sessionNumber(stream.session!),
    };
    this.requests.push(req);

    const session = stream.session!;
    const refusal = this.check(session, req, path, body);
    const reply = refusal ?? (await this.reply(req)) ?? { status: 200 };
    if ('goaway' in reply) {
      session.goaway(http2.constants.NGHTTP2_NO_ERROR, Math.max(0, (stream.id ?? 0) - 2), Buffer.from('{"reason":"Shutdown"}'));
      setTimeout(() => session.destroy(), 20);
      return;
    }
    if ('drop' in reply) {
      session.destroy();
      return;
    }
    const inUse = this.lastJwt.get(session);
    if (reply.status === 403 && reply.reason === 'ExpiredProviderToken' && inUse?.raw === req.jwt?.raw) inUse!.expired = true;
    const apnsId = `00000000-0000-4000-8000-${String(this.requests.length).padStart(12, '0')}`;
    if (stream.destroyed) return;
    stream.respond({ ':status': reply.status, 'apns-id': apnsId });
    stream.end(
      reply.status === 200 ? undefined : JSON.stringify({ reason: reply.reason, ...(reply.timestamp === undefined ? {} : { timestamp: reply.timestamp }) }),
    );
  }

  /** Apple's checks, in the order its documentation lists the errors. */
  private check(session: http2.Http2Session, req: SeenRequest, path: string, body: string): Reply | null {
    const h = req.headers;
    if (h[':method'] !== 'POST') return { status: 405, reason: 'MethodNotAllowed' };
    if (!/^\/3\/device\/[0-9a-f]+$/.test(path)) return { status: 404, reason: 'BadPath' };
    if (!/^(?:[0-9a-f]{2}){32,100}$/.test(req.token)) return { status: 400, reason: 'BadDeviceToken' };
    const jwt = req.jwt;
    if (!h.authorization) return { status: 403, reason: 'MissingProviderToken' };
    if (!jwt || jwt.header.alg !== 'ES256' || jwt.header.kid !== this.o.keyId || jwt.claims.iss !== this.o.teamId || typeof jwt.claims.iat !== 'number') {
      return { status: 403, reason: 'InvalidProviderToken' };
    }
    const [head, claims, signature] = jwt.raw.split('.');
    const signed = verify(
      'sha256',
      Buffer.from(`${head}.${claims}`),
      { key: this.o.publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
    if (!signed) return { status: 403, reason: 'InvalidProviderToken' };
    const nowS = Math.floor(this.o.now() / 1000);
    const iat = jwt.claims.iat;
    if (iat > nowS + 60) return { status: 403, reason: 'InvalidProviderToken' };
    if (nowS - iat > HOUR_S) return { status: 403, reason: 'ExpiredProviderToken' };
    const inUse = this.lastJwt.get(session);
    if (inUse?.raw !== jwt.raw) {
      // Replacing, on one connection, a token APNs still accepts sooner than 20 minutes after it was issued.
      if (inUse && !inUse.expired && iat - inUse.iat < TOKEN_UPDATE_MIN_S) return { status: 429, reason: 'TooManyProviderTokenUpdates' };
      this.lastJwt.set(session, { raw: jwt.raw, iat, expired: false });
    }
    if (!h['apns-topic']) return { status: 400, reason: 'MissingTopic' };
    if (!this.o.topics.includes(h['apns-topic'])) return { status: 400, reason: 'TopicDisallowed' };
    if (!['alert', 'background', 'voip', 'complication', 'fileprovider', 'mdm', 'location', 'liveactivity', 'pushtotalk'].includes(h['apns-push-type'] ?? '')) {
      return { status: 400, reason: 'InvalidPushType' };
    }
    // Background pushes must go at priority 5 (Apple: "a priority of 10 is an error").
    if (h['apns-push-type'] === 'background' && h['apns-priority'] !== '5') return { status: 400, reason: 'BadPriority' };
    if (h['apns-expiration'] !== undefined && !/^\d+$/.test(h['apns-expiration'])) return { status: 400, reason: 'BadExpirationDate' };
    if (Buffer.byteLength(body) > 4096) return { status: 413, reason: 'PayloadTooLarge' };
    if (!body) return { status: 400, reason: 'PayloadEmpty' };
    return null;
  }
}
