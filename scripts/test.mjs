// `npm test`: typecheck, lint, unit + integration (vitest), e2e (Playwright). Runs every step and
// exits non-zero when any failed. Typecheck and lint are single-threaded, so they run side by side
// (each one's output is printed whole when it ends); the rest run one after another.
import { spawn } from 'node:child_process';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const stages = [
  [
    ['typecheck', ['node_modules/typescript/bin/tsc', '--noEmit']],
    ['lint', ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0']],
  ],
  [['unit+integration', ['node_modules/vitest/vitest.mjs', 'run']]],
  [['e2e', ['node_modules/@playwright/test/cli.js', 'test']]],
];

/** Runs one step; a step alone in its stage streams its output, others buffer it. */
function run(name, args, stream) {
  const started = Date.now();
  if (stream) console.log(`\n=== ${name} ===`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: stream ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: process.env });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      if (!stream) {
        console.log(`\n=== ${name} ===`);
        process.stdout.write(Buffer.concat(output));
      }
      console.log(`=== ${name}: ${code === 0 ? 'ok' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s ===`);
      resolve(code === 0);
    });
  });
}

const only = process.argv.slice(2);
const failed = [];
let passed = 0;
for (const stage of stages) {
  const steps = stage.filter(([name]) => !only.length || only.includes(name));
  const results = await Promise.all(steps.map(([name, args]) => run(name, args, steps.length === 1)));
  steps.forEach(([name], i) => {
    if (results[i]) passed += 1;
    else failed.push(name);
  });
}
console.log(`\nsteps: ${passed} passed, ${failed.length} failed`);
if (failed.length) {
  console.log(`failed: ${failed.join(', ')}`);
  process.exit(1);
}
