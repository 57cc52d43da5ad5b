import 'server-only';
import type { z } from 'zod';
import { resolvePrincipal, type Principal } from '@/lib/server/platform/auth/principal';
import { ensureDatabase } from '@/lib/server/platform/db/migrate';
import { forbidden, unauthorized } from '@/lib/server/platform/errors';
import type { ServiceContext } from '@/lib/server/platform/changes';
import { parseJsonBody, parseQuery } from './body';
import { computeEtag, contentEtag, ifNoneMatchHits } from './conditional';
import { assertSameOrigin } from './csrf';
import { idempotencyKeyOf, idempotent, requestFingerprint } from './idempotency';
import { withRequestLog, type RequestLogEntry } from './request-log';
import { Page } from './paging';
import { timeBucket, type Read } from './read';
import { PRIVATE_HEADERS, errorResponse, json, wholeResponse } from './respond';

type Params = Record<string, string | string[] | undefined>;
type Segment = { params?: Promise<Params> };

const DEVICE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** The caller's device id (header, else query); anything malformed is ignored, never stored. */
function deviceIdFrom(req: Request, url: URL): string | null {
  const raw = req.headers.get('x-device-id') ?? url.searchParams.get('deviceId');
  return raw && DEVICE_ID.test(raw) ? raw : null;
}

export interface RouteContext<B, Q> {
  req: Request;
  url: URL;
  principal: Principal;
  body: B;
  query: Q;
  params: Params;
  deviceId: string | null;
}

/** Who may call a route and what it parses, kept on its handler so tests can fuzz every route from its own schemas. */
export interface RouteSchemas {
  auth: 'public' | 'user' | 'admin';
  body?: z.ZodType;
  /** The body may be left out (no content type, nothing sent): it reads as `{}`. */
  bodyOptional?: boolean;
  query?: z.ZodType;
}

interface Options<B extends z.ZodType, Q extends z.ZodType> {
  /** `user` (default) needs a principal; `admin` an admin one. */
  auth?: 'user' | 'admin';
  body?: B;
  /** The body may be left out (no content type, nothing sent): it reads as `{}`. */
  bodyOptional?: boolean;
  query?: Q;
}

type Handler<B, Q> = (ctx: RouteContext<B, Q>) => Promise<unknown>;

/** RFC 8288's link to a list's next page: this request's URL with the next cursor. */
function nextLink(url: URL, cursor: string): string {
  const next = new URLSearchParams(url.searchParams);
  next.set('cursor', cursor);
  return `<${url.pathname}?${next}>; rel="next"`;
}

/** The service context of a route's caller. */
export function serviceContext(ctx: { principal: Principal; deviceId: string | null }): ServiceContext {
  return { userId: ctx.principal.userId, deviceId: ctx.deviceId, via: ctx.principal.via, sessionId: ctx.principal.sessionId };
}

/**
 * One wrapper per route: authenticate, parse, answer conditional GETs, call the handler,
 * map errors to one JSON shape. A handler returns data (sent as 200 JSON) or a Response.
 * A GET given a domain's `read` is conditional on what the read declares it depends on.
 */
export function route<R>(options: { auth?: Options<z.ZodUnknown, z.ZodUnknown>['auth']; read: Read<void, R> }): RouteHandler;
export function route<Q extends z.ZodType, R>(options: { auth?: Options<z.ZodUnknown, Q>['auth']; query: Q; read: Read<z.infer<Q>, R> }): RouteHandler;
export function route<B extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown>(
  options: Options<B, Q>,
  handler: Handler<z.infer<B>, z.infer<Q>>,
): RouteHandler;
export function route<B extends z.ZodType, Q extends z.ZodType>(
  options: Options<B, Q> & { read?: Read<z.infer<Q>, unknown> | Read<void, unknown> },
  given?: Handler<z.infer<B>, z.infer<Q>>,
): RouteHandler {
  const reader = options.read as Read<z.infer<Q>, unknown> | undefined;
  const handler: Handler<z.infer<B>, z.infer<Q>> = reader ? (ctx) => reader(serviceContext(ctx), ctx.query) : given!;

  /** Authenticates, parses, answers a conditional GET or calls the handler; errors become the one JSON shape. */
  async function answer(req: Request, segment: Segment | undefined, entry: RequestLogEntry, caller: { principal?: Principal }): Promise<Response> {
    try {
      await ensureDatabase();
      const principal = await resolvePrincipal(req);
      if (!principal) throw unauthorized();
      caller.principal = principal;
      entry.userId = principal.userId;
      if (options.auth === 'admin' && principal.role !== 'admin') throw forbidden('Admins only');
      if (principal.via === 'session') assertSameOrigin(req);
      const idempotencyKey = req.method === 'GET' || req.method === 'HEAD' ? null : idempotencyKeyOf(req);
      const url = new URL(req.url);
      const ctx: RouteContext<z.infer<B>, z.infer<Q>> = {
        req,
        url,
        principal,
        params: (await segment?.params) ?? {},
        query: (options.query ? parseQuery(url, options.query) : undefined) as z.infer<Q>,
        body: (options.body ? await parseJsonBody(req, options.body, { optional: options.bodyOptional }) : undefined) as z.infer<B>,
        deviceId: deviceIdFrom(req, url),
      };
      let etag: string | undefined;
      if (reader) {
        const freshness = await reader.freshness(serviceContext(ctx), ctx.query);
        etag = await computeEtag(principal.userId, freshness.scopes, `${url.pathname}?${url.searchParams}|${timeBucket(freshness)}|${freshness.key ?? ''}`);
        if (ifNoneMatchHits(req.headers.get('if-none-match'), etag)) {
          return new Response(null, { status: 304, headers: { ETag: etag, ...PRIVATE_HEADERS } });
        }
      }
      if (idempotencyKey) return await idempotent(principal.userId, idempotencyKey, requestFingerprint(req.method, url, ctx.body), () => write(ctx));
      let result = await handler(ctx);
      if (result instanceof Response) return result;
      const headers: Record<string, string> = { ...PRIVATE_HEADERS };
      if (result instanceof Page) {
        if (result.next) headers.Link = nextLink(url, result.next);
        result = result.body;
      }
      if (etag) headers.ETag = etag;
      else if (req.method === 'GET') {
        // Every authenticated GET carries an ETag; without scopes to derive it from, the body's hash.
        const text = JSON.stringify(result ?? null);
        headers.ETag = contentEtag(principal.userId, text);
        if (ifNoneMatchHits(req.headers.get('if-none-match'), headers.ETag)) return new Response(null, { status: 304, headers });
        return wholeResponse(text, { headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
      }
      return json(result ?? null, { headers });
    } catch (err) {
      return errorResponse(err);
    }
  }

  /** A write's answer, errors included: what an Idempotency-Key stores and replays. */
  async function write(ctx: RouteContext<z.infer<B>, z.infer<Q>>): Promise<Response> {
    try {
      const result = await handler(ctx);
      return result instanceof Response ? result : json(result ?? null, { headers: PRIVATE_HEADERS });
    } catch (err) {
      return errorResponse(err);
    }
  }

  const handle = withRequestLog(async (req, segment, entry) => {
    const caller: { principal?: Principal } = {};
    const res = await answer(req, segment, entry, caller);
    // "Last seen" is written only once the request succeeded (a 304 too): a refusal changes nothing.
    if (res.status < 400) await caller.principal?.markSeen?.();
    return res;
  });
  return Object.assign(handle, {
    schemas: { auth: options.auth ?? 'user', body: options.body, bodyOptional: options.bodyOptional, query: options.query } satisfies RouteSchemas,
  });
}

/** A route module's handler: what Next.js and npm start's API server call, with its schemas for the fuzzers. */
export type RouteHandler = ((req: Request, segment?: { params?: Promise<Params> }) => Promise<Response>) & { schemas: RouteSchemas };

/** For the few unauthenticated endpoints (sign-up, health): parsing and errors, no principal. */
export function publicRoute<B extends z.ZodType = z.ZodUnknown>(options: { body?: B }, handler: (ctx: { req: Request; body: z.infer<B> }) => Promise<unknown>) {
  const handle = withRequestLog(async (req) => {
    try {
      await ensureDatabase();
      const body = (options.body ? await parseJsonBody(req, options.body) : undefined) as z.infer<B>;
      const result = await handler({ req, body });
      return result instanceof Response ? result : json(result ?? null, { headers: { 'Cache-Control': 'no-store' } });
    } catch (err) {
      return errorResponse(err);
    }
  });
  return Object.assign(handle, { schemas: { auth: 'public', body: options.body } satisfies RouteSchemas });
}
