import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_DOC_FILES, envSection, envTable } from '@/scripts/env-docs';

describe('configuration reference in the docs', () => {
  it.each(ENV_DOC_FILES)('%s lists exactly the variables lib/server/platform/config.ts reads (run `npm run docs:env` after changing them)', (file) => {
    expect(envSection(readFileSync(file, 'utf8'), file)).toBe(envTable());
  });
});
