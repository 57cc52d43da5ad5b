import 'server-only';
import { AppError, badRequest } from '@/lib/server/platform/errors';

export type RouteParams = Record<string, string | string[]>;
/** A route handler as Next.js calls it: the request, and the dynamic segments as a promise. */
export type RouteHandler = (req: Request, segment: { params: Promise<RouteParams> }) => Promise<Response>;

/** One `app/api/**\/route.ts` module and its URL pattern (`/api/books/[id]`): scripts/api-routes.mjs. */
export interface ApiRouteEntry {
  pattern: string;
  module: Record<string, unknown>;
  /** Its source file, for messages that must name it. */
  file?: string;
  /** Next serves it (next-auth, /api/events): npm start only names it and refuses what it lacks. */
  servedByNext?: boolean;
}

export interface RouteMatch {
  pattern: string;
  handler: RouteHandler;
  params: RouteParams;
}

type Segment = { kind: 'static'; value: string } | { kind: 'param'; name: string } | { kind: 'rest'; name: string; optional: boolean };

/**
 * What npm start's server does with an API request: call the handler; hand it to Next under its
 * route's name (next-auth, /api/events, Next's automatic HEAD and OPTIONS); or refuse it with an
 * error Next would have answered with a bare 405, a 400 or a 500 (decision 027).
 */
export type Resolution =
  | { kind: 'serve'; pattern: string; handler: RouteHandler; params: RouteParams }
  | { kind: 'next'; pattern: string }
  | { kind: 'refuse'; pattern?: string; error: AppError };

interface CompiledRoute {
  pattern: string;
  segments: Segment[];
  handlers: Map<string, RouteHandler>;
  servedByNext: boolean;
  /** The methods it answers, as Next's automatic OPTIONS lists them. */
  allow: string[];
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Methods Next implements itself for every route module: HEAD (from GET) and OPTIONS. */
const AUTOMATIC = new Set(['HEAD', 'OPTIONS']);
/** A path we match ourselves: plain segments only. Anything else (`//`, a trailing `/`, `.`/`..`, an encoded `/`) is Next's to normalise, redirect or refuse. */
const PLAIN_PATH = /^(?:\/(?!\.{1,2}(?:\/|$))(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%(?!2[fF])[0-9A-Fa-f]{2})+)+$/;

/** A `%` not followed by two hex digits, or escapes that are not UTF-8 (`%ff`): Next answers these with a 500. */
function brokenEncoding(pathname: string): boolean {
  if (/%(?![0-9A-Fa-f]{2})/.test(pathname)) return true;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

function compileSegment(raw: string): Segment {
  const rest = /^\[(\[)?\.\.\.([^\]]+)\]\]?$/.exec(raw);
  if (rest) return { kind: 'rest', name: rest[2], optional: Boolean(rest[1]) };
  const param = /^\[([^\]]+)\]$/.exec(raw);
  if (param) return { kind: 'param', name: param[1] };
  return { kind: 'static', value: raw };
}

const RANK = { static: 0, param: 1, rest: 2 } as const;

/** Next's precedence: at the first segment where two routes differ, a static one beats a `[param]`, which beats a `[...rest]`. */
function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    if (!x || !y) return x ? -1 : 1;
    if (x.kind !== y.kind) return RANK[x.kind] - RANK[y.kind];
  }
  return 0;
}

function matchSegments(segments: Segment[], parts: string[]): RouteParams | null {
  // Every request tries the routes in turn: a route of another length is passed over before any
  // object is made for its parameters.
  if (segments.at(-1)?.kind !== 'rest' && segments.length !== parts.length) return null;
  let params: RouteParams | null = null;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === 'rest') {
      const rest = parts.slice(i);
      if (rest.length === 0 && !segment.optional) return null;
      params ??= {};
      if (rest.length > 0) params[segment.name] = rest;
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.kind === 'static') {
      if (segment.value !== part) return null;
    } else (params ??= {})[segment.name] = part;
  }
  return segments.length === parts.length ? (params ?? {}) : null;
}

/** The methods a route module answers, sorted, as Next's automatic OPTIONS gives them in `Allow`. */
function allowedMethods(module: Record<string, unknown>): string[] {
  const exported = [...METHODS, 'HEAD', 'OPTIONS'].filter((m) => typeof module[m] === 'function');
  const allow = new Set(['OPTIONS', ...exported]);
  if (allow.has('GET')) allow.add('HEAD');
  return [...allow].sort();
}

/**
 * Routes `app/api` the way Next.js does (static before `[param]` before `[...rest]`). npm start's
 * server calls `resolve` for each API request (decision 014): it calls the handler itself only for
 * a plain path and a method the module exports, hands Next what Next must do itself, and refuses
 * what Next would answer badly. `routeOf` names the route a path reaches, whatever the method.
 */
export function createApiRouter(entries: readonly ApiRouteEntry[]) {
  const routes: CompiledRoute[] = entries.map(({ pattern, module, servedByNext }) => {
    const handlers = new Map<string, RouteHandler>();
    for (const method of METHODS) {
      const handler = module[method];
      if (typeof handler === 'function') handlers.set(method, handler as RouteHandler);
    }
    const segments = pattern.split('/').slice(1).map(compileSegment);
    return { pattern, segments, handlers, servedByNext: Boolean(servedByNext), allow: allowedMethods(module) };
  });
  routes.sort(bySpecificity);

  /** The most specific route whose segments match: the one Next would pick, whatever its methods. */
  const find = (parts: string[]) => {
    for (const route of routes) {
      const params = matchSegments(route.segments, parts);
      if (params) return { route, params };
    }
    return null;
  };

  const resolve = (method: string, pathname: string): Resolution | null => {
    if (brokenEncoding(pathname)) return { kind: 'refuse', error: badRequest('The path is not valid percent-encoded UTF-8') };
    // Anything else unusual (`//`, a trailing `/`, `.`/`..`, an encoded `/`) is Next's to normalise, redirect or refuse.
    if (!PLAIN_PATH.test(pathname)) return null;
    const found = find(pathname.split('/').slice(1).map(decodeURIComponent));
    if (!found) return null;
    const { route, params } = found;
    if (!route.allow.includes(method)) {
      const error = new AppError('method_not_allowed', `${route.pattern} answers ${route.allow.join(', ')}, not ${method}`, undefined, {
        Allow: route.allow.join(', '),
      });
      return { kind: 'refuse', pattern: route.pattern, error };
    }
    const handler = route.handlers.get(method);
    if (route.servedByNext || AUTOMATIC.has(method) || !handler) return { kind: 'next', pattern: route.pattern };
    return { kind: 'serve', pattern: route.pattern, handler, params };
  };

  return {
    patterns: routes.map((r) => r.pattern),
    resolve,
    /** The handler npm start calls for this method and path, or null when it does not call one itself. */
    match(method: string, pathname: string): RouteMatch | null {
      const resolution = resolve(method, pathname);
      return resolution?.kind === 'serve' ? { pattern: resolution.pattern, handler: resolution.handler, params: resolution.params } : null;
    },
    routeOf(pathname: string): string | null {
      const parts = pathname.split('/').slice(1);
      try {
        return find(parts.map(decodeURIComponent))?.route.pattern ?? null;
      } catch {
        return find(parts)?.route.pattern ?? null;
      }
    },
  };
}
