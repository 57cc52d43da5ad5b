// Runs once when the server starts: validate the environment, make sure the session secret
// exists, and create + migrate the database before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { config } = await import('./lib/server/config');
  const { authSecret } = await import('./lib/server/auth/secret');
  const { ensureDatabase } = await import('./lib/server/db/migrate');
  config();
  authSecret();
  await ensureDatabase();
}
