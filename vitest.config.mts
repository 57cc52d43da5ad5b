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
