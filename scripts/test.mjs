// `npm test`: typecheck, lint, format check, unit + integration (vitest), e2e (Playwright: the
// API and browser specs on npm start's server, the API specs again on plain `next start`). Runs
// every step and exits non-zero when any failed. Typecheck, lint and the format check are
// single-threaded, so they run side by side (each one's output is printed whole when it ends); so
// do the unit tests and the build the e2e step serves; e2e runs last.
import { spawn } from 'node:child_process';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const stages = [
  [
    ['typecheck', ['node_modules/typescript/bin/tsc', '--noEmit']],
    ['lint', ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0']],
    ['format', ['node_modules/prettier/bin/prettier.cjs', '--check', '.']],
  ],
  // The e2e servers' build (npm start's own, skipped when the sources are built) runs beside the
  // unit tests: the suite uses well under both cores on average, and e2e then starts at once.
  [
    ['unit+integration', ['node_modules/vitest/vitest.mjs', 'run']],
    ['build', ['scripts/start.mjs', '--build-only']],
  ],
  [['e2e', ['node_modules/@playwright/test/cli.js', 'test']]],
];

/** Runs one step; a step alone in its stage streams its output, others buffer it. */
function run(name, args, stream) {
  const started = Date.now();
  if (stream) console.log(`\n=== ${name} ===`);
  return new Promise((resolve) => {
    // Piped, to keep what failed; colours stay on for a terminal.
    const env = process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env;
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    const output = [];
    const keep = (sink) => (chunk) => {
      output.push(chunk);
      if (stream) sink.write(chunk);
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    child.on('close', (code) => {
      const text = Buffer.concat(output).toString();
      if (!stream) {
        console.log(`\n=== ${name} ===`);
        process.stdout.write(text);
      }
      console.log(`=== ${name}: ${code === 0 ? 'ok' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s ===`);
      resolve({ ok: code === 0, failures: code === 0 ? [] : failureLines(text) });
    });
  });
}

// CI keeps only the tail of the log, and the e2e step follows the others: the closing summary
// repeats the lines that name what failed (vitest's FAIL, × and assertion errors, Playwright's ✘
// and numbered failures, tsc's errors, eslint's errors under their files, Prettier's unformatted
// files), so a red run says which
// test it was.
const FAILURE = /^\s*(FAIL\b|×|✘|\d+\) |\w*Error\b|.*\berror TS\d+|\d+:\d+\s+error\b|\/\S+\.[cm]?[jt]sx?$|\[warn\] \S)/;
const MAX_FAILURE_LINES = 40;

function failureLines(text) {
  const lines = text
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) => FAILURE.test(line))
    .map((line) => line.trimEnd().slice(0, 240));
  const unique = [...new Set(lines)];
  return unique.length > MAX_FAILURE_LINES ? [...unique.slice(0, MAX_FAILURE_LINES), `… and ${unique.length - MAX_FAILURE_LINES} more lines`] : unique;
}

const only = process.argv.slice(2);
const failed = [];
let passed = 0;
for (const stage of stages) {
  const steps = stage.filter(([name]) => !only.length || only.includes(name));
  const results = await Promise.all(steps.map(([name, args]) => run(name, args, steps.length === 1)));
  steps.forEach(([name], i) => {
    if (results[i].ok) passed += 1;
    else failed.push([name, results[i].failures]);
  });
}
console.log(`\nsteps: ${passed} passed, ${failed.length} failed`);
if (failed.length) {
  for (const [name, lines] of failed) {
    console.log(`failed: ${name}`);
    for (const line of lines) console.log(`  ${line}`);
  }
  process.exit(1);
}
