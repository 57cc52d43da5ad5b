// A hash of everything the build reads (`next build` and the server + CLI bundles), so `npm start` rebuilds only when the sources changed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const INPUTS = [
  'app',
  'lib',
  'components',
  'public',
  'types',
  'instrumentation.ts',
  'instrumentation-client.ts',
  'scripts/server.ts',
  'scripts/cli.ts',
  'scripts/build-server.mjs',
  'scripts/api-routes.mjs',
  'drizzle',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];

function* files(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) {
      if (/\.test\.tsx?$/.test(entry)) continue;
      yield* files(join(path, entry));
    }
  } else {
    yield path;
  }
}

export function sourceHash(root = process.cwd()) {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(join(root, input))) {
      hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

export const STAMP_FILE = join(process.env.NEXT_DIST_DIR || '.next', 'passion-build-stamp');
