import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'turso',
  schema: './lib/server/db/schema/index.ts',
  out: './drizzle',
  strict: true,
  dbCredentials: {
    url: process.env.DATABASE_URL || 'file:./data/passion.db',
    authToken: process.env.DATABASE_AUTH_TOKEN || undefined,
  },
});
