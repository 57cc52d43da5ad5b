// The API routes on disk: every `app/api/**/route.ts` with its URL pattern, found the way Next.js
// finds them, so a new route needs no list. npm start's build bundles them (scripts/api-routes.mjs,
// decision 014); under Next the request log names a request's route from the same folders.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every `app/api/**\/route.ts` as `{ pattern: '/api/books/[id]', file: 'app/api/books/[id]/route.ts' }`, sorted by pattern. */
export function findRouteFiles(root = process.cwd()) {
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
  return found.sort((a, b) => a.pattern.localeCompare(b.pattern));
}
