import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { globSync } from 'tinyglobby';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = {
  '@': root,
  // `server-only` throws outside React server bundles; tests are the server here.
  'server-only': `${root}test/empty.ts`,
};

const SERVER_FILES = ['lib/**/*.test.ts', 'test/server/**/*.test.ts', 'test/reliability/**/*.test.ts'];
const SERVER_EXCLUDE = ['lib/sync/**', 'node_modules/**'];
// A file that replaces a module (vi.mock) changes the module graph its worker shares: it gets a
// graph of its own. Found by reading the files, so a new one cannot slip into the shared worker.
const OWN_GRAPH = globSync(SERVER_FILES, { cwd: root, ignore: SERVER_EXCLUDE }).filter((file) =>
  /\bvi\.(do)?mock\(/.test(readFileSync(`${root}${file}`, 'utf8')),
);

const CLIENT_FILES = ['lib/sync/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}', 'test/client/**/*.test.{ts,tsx}'];
// Client files a VM context cannot run, in a process of their own: one redefines `window`, which a
// VM context keeps fixed; one loads next/link, whose CommonJS requires an ES module file
// (@swc/helpers) that only Node's own loader accepts.
const OWN_PROCESS = ['lib/sync/tab-channel.test.ts', 'components/today/TodayPanel.test.tsx'];
const client = { environment: 'jsdom', setupFiles: ['test/setup-client.ts'] } as const;

const server = {
  environment: 'node',
  setupFiles: ['test/setup-server.ts'],
  testTimeout: 30_000,
  hookTimeout: 30_000,
} as const;

export default defineConfig({
  resolve: { alias },
  test: {
    // Every test file has its own database, so files run in parallel safely; vitest's default on a
    // 2-core machine is one worker (the CI machines have two cores).
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          ...server,
          name: 'server',
          include: SERVER_FILES,
          exclude: [...SERVER_EXCLUDE, ...OWN_GRAPH],
          // The server files share their worker's modules (decision 063): importing the app's
          // graph once per worker, not once per file, was most of this project's CPU. Each file
          // still starts with its own database, environment and configuration (test/reset-process.ts).
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: { ...server, name: 'server-own-graph', include: OWN_GRAPH },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          ...client,
          name: 'client',
          include: CLIENT_FILES,
          exclude: ['node_modules/**', ...OWN_PROCESS],
          // Each file in a fresh VM context of a long-lived worker (decision 063): a new jsdom and
          // module graph per file as before, without a new process and its start-up per file.
          pool: 'vmThreads',
        },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: { ...client, name: 'client-own-process', include: OWN_PROCESS },
      },
    ],
  },
});
