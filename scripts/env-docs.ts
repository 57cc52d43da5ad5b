// `npm run docs:env`: writes the environment reference into README.md (between the markers) from
// lib/server/config.ts, the one module that reads process.env — so the docs cannot drift from it.
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { configSchema } from '@/lib/server/config';

const START = '<!-- env:start -->';
const END = '<!-- env:end -->';

function defaultOf(schema: z.ZodType): string {
  if (schema instanceof z.ZodDefault) return `\`${String((schema.def as { defaultValue: unknown }).defaultValue)}\``;
  return '—';
}

export function envTable(): string {
  const rows = Object.entries(configSchema.shape).map(([name, schema]) => `| \`${name}\` | ${defaultOf(schema as z.ZodType)} | ${(schema as z.ZodType).description ?? ''} |`);
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

function main() {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs ${START} … ${END} markers`);
  writeFileSync('README.md', `${readme.slice(0, start + START.length)}\n${envTable()}\n${readme.slice(end)}`);
  console.log(`README.md: ${Object.keys(configSchema.shape).length} variables`);
}

if (process.argv[1]?.endsWith('env-docs.ts')) main();
