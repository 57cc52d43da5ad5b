// Runs once when Next.js starts (next dev, next start, and inside npm start's server): the one
// start of the runtime (lib/server/runtime.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startRuntime } = await import('@/lib/server/runtime');
  await startRuntime({ serve: true });
}
