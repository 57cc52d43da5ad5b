import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'turso',
  schema: './lib/server/schema.ts',
  out: './drizzle',
  strict: true,
  dbCredentials: {
    // The same default as the server (lib/server/platform/config.ts): DATA_DIR's passion.db.
    url: process.env.DATABASE_URL || `file:${(process.env.DATA_DIR || './data').replace(/\/$/, '')}/passion.db`,
    authToken: process.env.DATABASE_AUTH_TOKEN || undefined,
  },
});
