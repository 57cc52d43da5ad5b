// The API route modules that npm start's server calls itself instead of through Next.js
// (decision 014). Found on disk, so a new route is served the same way without a list to keep.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Routes that stay with Next.js: next-auth's handler runs on Next's request internals, and
 * /api/events has its own bare-node stream (decision 010).
 */
export const NEXT_ONLY = new Set(['/api/auth/[...nextauth]', '/api/events']);

/** `app/api/**\/route.ts` as `{ pattern: '/api/books/[id]', file: 'app/api/books/[id]/route.ts' }`, sorted by pattern. */
export function findApiRoutes(root = process.cwd()) {
  const found = [];
  const walk = (dir, segments) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        // Private folders (`_x`) are not routes; route groups (`(x)`) add no segment.
        if (entry.startsWith('_')) continue;
        walk(path, /^\(.*\)$/.test(entry) ? segments : [...segments, entry]);
      } else if (entry === 'route.ts') {
        found.push({ pattern: `/${segments.join('/')}`, file: relative(root, path).split('\\').join('/') });
      }
    }
  };
  const api = join(root, 'app', 'api');
  if (existsSync(api)) walk(api, ['api']);
  return found.filter((r) => !NEXT_ONLY.has(r.pattern)).sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The source of the `passion:api-routes` module the server bundle imports (scripts/build-server.mjs). */
export function apiRoutesModule(root = process.cwd()) {
  const routes = findApiRoutes(root);
  const imports = routes.map((r, i) => `import * as route${i} from ${JSON.stringify(`./${r.file}`)};`);
  const entries = routes.map((r, i) => `  { pattern: ${JSON.stringify(r.pattern)}, module: route${i} },`);
  return `${imports.join('\n')}\nexport const apiRoutes = [\n${entries.join('\n')}\n];\n`;
}
