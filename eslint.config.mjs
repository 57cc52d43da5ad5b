import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import pluginQuery from '@tanstack/eslint-plugin-query';
import drizzle from 'eslint-plugin-drizzle';

const serverOnly = {
  patterns: [
    { group: ['@/lib/server/*', '@/lib/server/**', '**/lib/server/**'], message: 'lib/server is server-only: call it from a route handler or layout.' },
    { group: ['drizzle-orm', 'drizzle-orm/*', '@libsql/*'], message: 'Database access lives in lib/server.' },
  ],
};

const config = [
  { ignores: ['.next*/**', 'node_modules/**', 'drizzle/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  ...pluginQuery.configs['flat/recommended'],
  {
    plugins: { drizzle },
    rules: {
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  // One direction of dependency (DESIGN.md "Layout"): pages, components and the browser runtime never reach the server layer.
  {
    files: ['app/**/page.tsx', 'components/**', 'lib/sync/**', 'lib/shared/**'],
    rules: { 'no-restricted-imports': ['error', serverOnly] },
  },
  {
    files: ['lib/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: 'lib/server never imports React.' },
            { name: 'react-dom', message: 'lib/server never imports React.' },
          ],
        },
      ],
    },
  },
];

export default config;
