// `npm run db:migrate`: apply every migration in drizzle/ to DATABASE_URL (the server does it on start too).
import { config } from '@/lib/server/platform/config';
import { closeDb } from '@/lib/server/platform/db/client';
import { ensureDatabase } from '@/lib/server/platform/db/migrate';

ensureDatabase().then(
  () => {
    console.log(`migrated ${config().databaseUrl}`);
    closeDb();
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
