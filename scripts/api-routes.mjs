// The API route modules that npm start's server knows (decision 014): it calls the handlers of
// most itself, and for all of them answers what Next would get wrong (a method a route does not
// have, a malformed path: decision 027). Found on disk, so a new route needs no list to keep.
import { findRouteFiles } from '../lib/server/platform/http/route-files.mjs';

/**
 * Routes whose handlers npm start's server never calls: next-auth's runs on Next's request
 * internals, and /api/events has its own bare-node stream (decision 010).
 */
export const NEXT_ONLY = new Set(['/api/auth/[...nextauth]', '/api/events']);

/** Every API route as the server bundle lists it: `{ pattern, file, servedByNext }`. */
export function apiRouteFiles(root = process.cwd()) {
  return findRouteFiles(root).map((r) => ({ ...r, servedByNext: NEXT_ONLY.has(r.pattern) }));
}

/** The routes whose handlers npm start's server calls itself: every one but NEXT_ONLY. */
export function findApiRoutes(root = process.cwd()) {
  return findRouteFiles(root).filter((r) => !NEXT_ONLY.has(r.pattern));
}

/** The source of the `passion:api-routes` module the server bundle imports (scripts/build-server.mjs). */
export function apiRoutesModule(root = process.cwd()) {
  const routes = apiRouteFiles(root);
  const imports = routes.map((r, i) => `import * as route${i} from ${JSON.stringify(`./${r.file}`)};`);
  const entries = routes.map((r, i) => `  { ${JSON.stringify(r).slice(1, -1)}, module: route${i} },`);
  return `${imports.join('\n')}\nexport const apiRoutes = [\n${entries.join('\n')}\n];\n`;
}
