// `npm run bench:report [-- --full]`: runs every benchmark, one after the other, and writes
// bench/RESULTS.md — per benchmark the command, how long it took and one table of its figures and
// ratios (its JSON line, flattened), plus the date and the machine it ran on. Quick sizes unless
// --full (bench:sse, bench:oplog, bench:export, bench:outbox and bench:capacity take --quick; bench:poll-cost and bench:page-weight have one size).
// `--only a,b` runs just those and replaces only their sections, keeping the others of the last report.
// The benchmarks share one Next build: NEXT_DIST_DIR, default .next-bench.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType, arch } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FULL = process.argv.includes('--full');
/** `--only sse,capacity`: runs those and replaces only their sections of the existing RESULTS.md. */
const onlyAt = process.argv.indexOf('--only');
const ONLY = onlyAt >= 0 ? new Set(process.argv[onlyAt + 1].split(',')) : null;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench', 'RESULTS.md');
const quick = FULL ? [] : ['--quick'];
const BENCHES = [
  { name: 'sse', args: ['bench/sse.mjs', ...quick] },
  { name: 'poll-cost', args: ['bench/poll-cost.mjs'] },
  { name: 'oplog', args: ['--import', 'tsx', '--conditions=react-server', 'bench/oplog.ts', ...quick] },
  { name: 'export', args: ['--expose-gc', '--import', 'tsx', '--conditions=react-server', 'bench/export.mjs', ...quick] },
  { name: 'outbox', args: ['--import', 'tsx', '--conditions=react-server', 'bench/outbox.ts', ...quick] },
  { name: 'capacity', args: ['bench/capacity.mjs', ...quick] },
  // Bytes do not vary between runs; its heading times are medians of BENCH_RUNS (default 3) cold loads.
  { name: 'page-weight', args: ['bench/page-weight.mjs'] },
];

const machine = {
  cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  node: process.version,
  os: `${osType()} ${release()} ${arch()}`,
  'load average at start (1, 5, 15 min)': loadavg()
    .map((l) => l.toFixed(2))
    .join(', '),
};
const startedAt = new Date();
const log = (...args) => console.error('[bench:report]', ...args);

/** Runs one benchmark; its stderr (progress) passes through, its stdout is kept for the JSON line. */
function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-bench' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), stdout }));
  });
}

/** The last stdout line that parses as a JSON object: the benchmark's result. */
function resultLine(stdout) {
  for (const line of stdout.trim().split('\n').reverse()) {
    if (!line.startsWith('{')) continue;
    try {
      return JSON.parse(line);
    } catch {
      // Not the result line.
    }
  }
  return undefined;
}

/** `{a: {b: 1}, c: [2, 3]}` → rows `a.b = 1`, `c = 2, 3`; arrays of objects get their index in the path. */
function flatten(value, path = '', rows = []) {
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) rows.push([path, value.join(', ')]);
  else if (value !== null && typeof value === 'object') for (const [key, v] of Object.entries(value)) flatten(v, path ? `${path}.${key}` : key, rows);
  else rows.push([path, value === null ? '—' : String(value)]);
  return rows;
}

const cell = (s) => String(s).replace(/\|/g, '\\|');

const sections = [];
let failed = 0;
for (const bench of BENCHES.filter((b) => !ONLY || ONLY.has(b.name))) {
  const command = `node ${bench.args.join(' ')}`;
  log(`running ${command}`);
  const t0 = Date.now();
  const { code, stdout } = await run(bench.args);
  const seconds = Math.round((Date.now() - t0) / 1000);
  const result = resultLine(stdout);
  const lines = [`## ${bench.name}`, '', `\`${command}\` — ${seconds} s`, ''];
  if (code !== 0 || !result) {
    failed += 1;
    lines.push(`**Failed** (exit code ${code}${result ? '' : ', no JSON line'}); see its output.`);
  } else {
    lines.push('| figure | value |', '| --- | --- |');
    for (const [key, value] of flatten(result)) lines.push(`| ${/ratio/.test(key) ? `**${cell(key)}**` : cell(key)} | ${cell(value)} |`);
  }
  sections.push({ name: bench.name, text: lines.join('\n') });
}

/** The sections of the RESULTS.md there is, by benchmark name (for --only). */
function previousSections() {
  if (!existsSync(out)) return [];
  const parts = readFileSync(out, 'utf8').split(/^(?=## )/m);
  return parts.filter((p) => p.startsWith('## ') && !p.startsWith('## Machine')).map((p) => ({ name: p.slice(3, p.indexOf('\n')).trim(), text: p.trimEnd() }));
}
if (ONLY) {
  const fresh = new Map(sections.map((s) => [s.name, s]));
  const merged = previousSections().map((s) => fresh.get(s.name) ?? s);
  for (const s of sections) if (!merged.some((m) => m.name === s.name)) merged.push(s);
  sections.splice(0, sections.length, ...merged);
}

const report = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench:report${FULL || ONLY ? ' --' : ''}${FULL ? ' --full' : ''}${ONLY ? ` --only ${[...ONLY].join(',')}` : ''}\` (${FULL ? 'full' : 'quick'} sizes${ONLY ? `; only ${[...ONLY].join(', ')} re-run, the other sections kept from the previous report` : ''}) on ${startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC, ` +
    `in ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s. Ratios (in bold) compare the app with the raw baseline measured in the same run; the comment at the top of each \`bench/<name>\` file says what its figures mean.`,
  '',
  '## Machine',
  '',
  '| | |',
  '| --- | --- |',
  ...Object.entries(machine).map(([k, v]) => `| ${k} | ${cell(v)} |`),
  '',
  ...sections.flatMap((s) => [s.text, '']),
].join('\n');
writeFileSync(out, report);
log(`wrote ${out}${failed ? ` (${failed} benchmark(s) failed)` : ''}`);
process.exit(failed ? 1 : 0);
