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

const noReact = [
  { name: 'react', message: 'lib/server never imports React.' },
  { name: 'react-dom', message: 'lib/server never imports React.' },
];
const domainsPattern = {
  group: ['@/lib/server/domains', '@/lib/server/domains/**', '**/server/domains/**', '../domains/**', '../../domains/**'],
  message: 'The platform never imports a domain: the domain registers into the platform instead (lib/server/domains/index.ts).',
};
const changesInternals = {
  group: [
    '@/lib/server/platform/changes/*',
    '!@/lib/server/platform/changes/index',
    '**/changes/bus',
    '**/changes/scopes',
    '**/changes/write',
    '**/changes/fanout',
    '**/changes/redis-bus',
    '**/changes/schema',
  ],
  message:
    'Only the changes module writes scope versions or publishes on the bus: import `@/lib/server/platform/changes` (writeChange, readScopeVersions, changeFeed…).',
};
const CHANGES = 'lib/server/platform/changes/**';
const SCHEMA_BARREL = 'lib/server/schema.ts';

/** no-restricted-imports for each part of lib/server (a file gets one setting of a rule: the parts do not overlap). */
function serverRules() {
  const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { paths: noReact, patterns }] });
  return [
    { files: ['lib/server/domains/**', 'lib/server/*.ts'], ignores: [SCHEMA_BARREL], rules: restrict([changesInternals]) },
    { files: ['lib/server/platform/**'], ignores: [CHANGES], rules: restrict([changesInternals, domainsPattern]) },
    { files: [CHANGES], rules: restrict([domainsPattern]) },
    { files: ['app/api/**', 'scripts/**', 'bench/**', 'instrumentation.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [changesInternals] }] } },
    {
      files: ['lib/server/**', 'app/**', 'scripts/**', 'instrumentation.ts'],
      ignores: ['lib/server/platform/process.ts', '**/*.test.ts'],
      rules: {
        'no-restricted-globals': [
          'error',
          {
            name: 'globalThis',
            message: 'Process-wide state lives in lib/server/platform/process.ts (processSingleton): Next and npm start load modules more than once.',
          },
        ],
      },
    },
  ];
}

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
  // The server: platform never imports a domain (domains register into it, lib/server/domains/index.ts);
  // only the changes module writes scope versions or publishes on the bus (its index is the way in);
  // process-wide state lives in platform/process.ts only.
  ...serverRules(),
];

export default config;
