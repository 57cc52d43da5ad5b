// `npm run docs:env`: writes the environment reference into README.md and docs/self-hosting.md
// (between the markers) from lib/server/platform/config.ts, the one module that reads process.env — so
// the docs cannot drift from it.
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { configSchema } from '@/lib/server/platform/config';

export const ENV_DOC_FILES = ['README.md', 'docs/self-hosting.md'] as const;
const START = '<!-- env:start -->';
const END = '<!-- env:end -->';

function defaultOf(schema: z.ZodType): string {
  if (schema instanceof z.ZodDefault) return `\`${String((schema.def as { defaultValue: unknown }).defaultValue)}\``;
  return '—';
}

export function envTable(): string {
  const rows = Object.entries(configSchema.shape).map(
    ([name, schema]) => `| \`${name}\` | ${defaultOf(schema as z.ZodType)} | ${(schema as z.ZodType).description ?? ''} |`,
  );
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The text between the markers of a document, trimmed; throws when the markers are missing. */
export function envSection(doc: string, file: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file} needs ${START} … ${END} markers`);
  return doc.slice(start + START.length, end).trim();
}

function main() {
  for (const file of ENV_DOC_FILES) {
    const doc = readFileSync(file, 'utf8');
    envSection(doc, file);
    writeFileSync(file, `${doc.slice(0, doc.indexOf(START) + START.length)}\n${envTable()}\n${doc.slice(doc.indexOf(END))}`);
    console.log(`${file}: ${Object.keys(configSchema.shape).length} variables`);
  }
}

if (process.argv[1]?.endsWith('env-docs.ts')) main();
