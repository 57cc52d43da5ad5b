import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = {
  '@': root,
  // `server-only` throws outside React server bundles; tests are the server here.
  'server-only': `${root}test/empty.ts`,
};

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
          name: 'server',
          environment: 'node',
          include: ['lib/**/*.test.ts', 'test/server/**/*.test.ts', 'test/reliability/**/*.test.ts'],
          exclude: ['lib/sync/**', 'node_modules/**'],
          setupFiles: ['test/setup-server.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
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
