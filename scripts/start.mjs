// `npm start`: build when there is no build of the current sources, then serve on PORT with
// scripts/server.ts (Next.js + the bare-node /api/events stream and API routes, decisions 010, 014).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { refuseUnhonouredNextFeatures } from '../lib/server/platform/http/next-features.mjs';
import { STAMP_FILE, sourceHash } from './build-stamp.mjs';
import { buildServer } from './build-server.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const next = 'node_modules/next/dist/bin/next';

const distDir = process.env.NEXT_DIST_DIR || '.next';
const serverBundle = join(distDir, 'passion-server.cjs');
const hash = sourceHash();
const built = existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, 'utf8') === hash && existsSync(serverBundle);
if (!built) {
  // Refused before a two-minute build rather than after it (decision 025).
  await refuseUnhonouredNextFeatures({ root: process.cwd(), nextConfig: createRequire(import.meta.url)('../next.config.js') }).catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
  console.log('> No build of the current sources: running `next build` first…');
  const result = spawnSync(process.execPath, [next, 'build'], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // The server bundle, and the brotli files its edge serves (decision 061).
  await buildServer(distDir);
  // Hash again: `next build` may itself touch an input (it adds its dist dir to tsconfig.json).
  writeFileSync(STAMP_FILE, sourceHash());
}

// `--build-only`: `npm test` builds beside the unit tests, so the e2e step starts serving at once.
if (process.argv.includes('--build-only')) process.exit(0);

const server = spawn(process.execPath, [serverBundle], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
