// `npm test`: typecheck, lint, unit + integration (vitest), e2e (Playwright). Runs every step and
// exits non-zero when any failed.
import { spawnSync } from 'node:child_process';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const steps = [
  ['typecheck', ['node_modules/typescript/bin/tsc', '--noEmit']],
  ['lint', ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0']],
  ['unit+integration', ['node_modules/vitest/vitest.mjs', 'run']],
  ['e2e', ['node_modules/@playwright/test/cli.js', 'test']],
];

const only = process.argv.slice(2);
const failed = [];
let passed = 0;
for (const [name, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
  console.log(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s ===`);
  if (result.status === 0) passed += 1;
  else failed.push(name);
}
console.log(`\nsteps: ${passed} passed, ${failed.length} failed`);
if (failed.length) {
  console.log(`failed: ${failed.join(', ')}`);
  process.exit(1);
}
