import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envTable } from '@/scripts/env-docs';

describe('README configuration reference', () => {
  it('lists exactly the variables lib/server/config.ts reads (run `npm run docs:env` after changing them)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('<!-- env:start -->') + '<!-- env:start -->'.length, readme.indexOf('<!-- env:end -->')).trim();
    expect(section).toBe(envTable());
  });
});
