// `npm start`: build when there is no build of the current sources, then `next start` on PORT.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { STAMP_FILE, sourceHash } from './build-stamp.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const next = 'node_modules/next/dist/bin/next';

const hash = sourceHash();
const built = existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, 'utf8') === hash;
if (!built) {
  console.log('> No build of the current sources: running `next build` first…');
  const result = spawnSync(process.execPath, [next, 'build'], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(STAMP_FILE, hash);
}

const port = process.env.PORT || '3000';
const server = spawn(process.execPath, [next, 'start', '-p', port], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
