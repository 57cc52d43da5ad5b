import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 21: no dependency the browser loads is installed in two versions (a second copy is shipped
// twice, and two copies of a library with state, such as TanStack's query core, do not share it).
// The packages the browser code imports are read from the sources, so the list cannot go stale; the
// lockfile says what each resolves to.

const ROOT = join(__dirname, '..', '..');
/** Code that runs in the browser or the service worker. */
const BROWSER_CODE = ['components', 'lib/sync', 'lib/shared', 'lib/pwa', 'app'];
/** Under `app/`, what only the server runs: the route handlers and the worker's build route. */
const SERVER_ONLY = /^app\/(api|serwist)\//;
const SOURCE = /\.(ts|tsx|mjs|js)$/;
/** Tests and what only tests import (the engine harness, the CRDT simulators). */
const TEST = /\.test\.(ts|tsx)$|-harness\.ts$|\/testing\//;

interface LockEntry {
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name))
    .map((e) => join(e.parentPath, e.name).slice(ROOT.length + 1))
    .filter((path) => !TEST.test(path) && !SERVER_ONLY.test(path));
}

/** The packages imported by name (not `@/…`, not relative, not `node:`) from browser code. */
function browserImports(): Set<string> {
  const names = new Set<string>();
  for (const file of BROWSER_CODE.flatMap(sourceFiles)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^'./][^']*)'/g)) {
      if (spec.startsWith('@/') || spec.startsWith('node:')) continue;
      const parts = spec.split('/');
      names.add(spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
    }
  }
  return names;
}

/** Node's lookup over the lockfile's paths: the nearest `node_modules/<name>` up from `from`. */
function resolve(packages: Record<string, LockEntry>, from: string, name: string): string | null {
  let base = from;
  for (;;) {
    const path = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[path]) return path;
    if (!base) return null;
    const at = base.lastIndexOf('/node_modules/');
    base = at < 0 ? '' : base.slice(0, at);
  }
}

/** Every installed copy reachable from `roots`, as name → versions. */
function versionsReachable(packages: Record<string, LockEntry>, roots: Iterable<string>): Map<string, Set<string>> {
  const seen = new Set<string>();
  const stack = [...roots].map((name) => resolve(packages, '', name));
  while (stack.length) {
    const path = stack.pop();
    if (!path || seen.has(path)) continue;
    seen.add(path);
    const entry = packages[path];
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) stack.push(resolve(packages, path, dep));
  }
  const versions = new Map<string, Set<string>>();
  for (const path of seen) {
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    versions.set(name, (versions.get(name) ?? new Set()).add(packages[path].version));
  }
  return versions;
}

describe('what the browser loads', () => {
  const packages = (JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }).packages;
  const imports = browserImports();

  it('is read from the sources: the libraries the pages use are found', () => {
    for (const name of ['react', '@tanstack/react-query', 'idb', '@serwist/window', 'serwist', 'rrule', 'lucide-react']) expect(imports).toContain(name);
    // Test-only and server-only packages are not taken for browser code.
    expect(imports).not.toContain('vitest');
    expect(imports).not.toContain('@serwist/turbopack');
  });

  it('is installed in one version of each package', () => {
    const versions = versionsReachable(packages, imports);
    expect(versions.size).toBeGreaterThan(50);
    const twice = [...versions].filter(([, v]) => v.size > 1).map(([name, v]) => `${name}: ${[...v].join(', ')}`);
    expect(twice).toEqual([]);
  });
});
