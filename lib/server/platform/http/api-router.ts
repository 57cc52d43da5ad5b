import 'server-only';

export type RouteParams = Record<string, string | string[]>;
/** A route handler as Next.js calls it: the request, and the dynamic segments as a promise. */
export type RouteHandler = (req: Request, segment: { params: Promise<RouteParams> }) => Promise<Response>;

/** One `app/api/**\/route.ts` module and its URL pattern (`/api/books/[id]`): scripts/api-routes.mjs. */
export interface ApiRouteEntry {
  pattern: string;
  module: Record<string, unknown>;
}

export interface RouteMatch {
  pattern: string;
  handler: RouteHandler;
  params: RouteParams;
}

type Segment = { kind: 'static'; value: string } | { kind: 'param'; name: string } | { kind: 'rest'; name: string; optional: boolean };

interface CompiledRoute {
  pattern: string;
  segments: Segment[];
  handlers: Map<string, RouteHandler>;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** A path we match ourselves: plain segments only. Anything else (`//`, a trailing `/`, `.`/`..`, an encoded `/`) is Next's to normalise, redirect or refuse. */
const PLAIN_PATH = /^(?:\/(?!\.{1,2}(?:\/|$))(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%(?!2[fF])[0-9A-Fa-f]{2})+)+$/;

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
  const params: RouteParams = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === 'rest') {
      const rest = parts.slice(i);
      if (rest.length === 0 && !segment.optional) return null;
      if (rest.length > 0) params[segment.name] = rest;
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.kind === 'static') {
      if (segment.value !== part) return null;
    } else params[segment.name] = part;
  }
  return segments.length === parts.length ? params : null;
}

/**
 * Finds the route handler for a method and path, the way Next.js routes `app/api`: npm start's
 * server calls it directly and hands Next only what this declines (decision 014). It declines —
 * returns null — whenever Next would do more than call the handler: an unusual path, a method the
 * module does not export (Next's automatic HEAD, OPTIONS and 405), or no such route.
 */
export function createApiRouter(entries: readonly ApiRouteEntry[]) {
  const routes: CompiledRoute[] = entries.map(({ pattern, module }) => {
    const handlers = new Map<string, RouteHandler>();
    for (const method of METHODS) {
      const handler = module[method];
      if (typeof handler === 'function') handlers.set(method, handler as RouteHandler);
    }
    return { pattern, segments: pattern.split('/').slice(1).map(compileSegment), handlers };
  });
  routes.sort(bySpecificity);

  return {
    patterns: routes.map((r) => r.pattern),
    match(method: string, pathname: string): RouteMatch | null {
      if (!PLAIN_PATH.test(pathname)) return null;
      let parts: string[];
      try {
        parts = pathname.split('/').slice(1).map(decodeURIComponent);
      } catch {
        return null;
      }
      for (const route of routes) {
        const params = matchSegments(route.segments, parts);
        if (!params) continue;
        // The most specific route that matches is the one Next would pick, whatever its methods.
        const handler = route.handlers.get(method);
        return handler ? { pattern: route.pattern, handler, params } : null;
      }
      return null;
    },
  };
}
