import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import { createApiRouter } from './api-router';
import { findRouteFiles } from './route-files.mjs';

type Router = ReturnType<typeof createApiRouter>;
const slot = processSingleton('api-route-table', (): { router?: Router } => ({}));

function readRouter(): Router {
  return (slot.router = createApiRouter(findRouteFiles().map(({ pattern }) => ({ pattern, module: {} }))));
}

/**
 * The pattern of the API route a path reaches when Next serves it (next start, next dev, tests):
 * the folders of app/api and the precedence npm start's router uses, never a guess from the
 * params. Read once per process, and again for a path it does not know (a route new under next dev).
 */
export function apiRouteOf(pathname: string): string | undefined {
  return (slot.router ?? readRouter()).routeOf(pathname) ?? readRouter().routeOf(pathname) ?? undefined;
}
