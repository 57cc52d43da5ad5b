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
          name: 'client',
          environment: 'jsdom',
          include: ['lib/sync/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}', 'test/client/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup-client.ts'],
        },
      },
    ],
  },
});
