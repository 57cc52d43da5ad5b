import 'server-only';
import { z } from 'zod';
import { version } from '../../package.json';

// The one place that reads process.env. Empty strings count as unset (create-t3-app's rule).
const envSchema = z.object({
  APP_ENV: z.enum(['local', 'test', 'production']).default('local')
    .describe('`production` makes NEXTAUTH_SECRET mandatory; `local` generates one into DATA_DIR.'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe('HTTP port of `npm start`.'),
  DATA_DIR: z.string().default('./data').describe('Folder for the embedded database and the generated secret.'),
  DATABASE_URL: z.string().optional()
    .describe('libsql URL: `file:…` (embedded) or `libsql://…` (sqld/Turso). Default `file:<DATA_DIR>/passion.db`.'),
  DATABASE_AUTH_TOKEN: z.string().optional().describe('Auth token for a remote libsql server.'),
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000)
    .describe('SQLite busy timeout: how long a writer waits for the lock.'),
  NEXTAUTH_SECRET: z.string().min(32).optional()
    .describe('JWT/cookie secret. Required when APP_ENV=production; generated into DATA_DIR otherwise.'),
  NEXTAUTH_URL: z.string().url().optional()
    .describe('Public origin. Unset: taken from the request Host, so any PORT works.'),
  REDIS_URL: z.string().optional().describe('Redis for the change bus across nodes. Unset: in-process bus.'),
  SSE_THROTTLE_MS: z.coerce.number().int().min(0).default(1000)
    .describe('Realtime: at most one event per user and scope in this window; later ones are merged.'),
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(1000).default(15000)
    .describe('Realtime: interval of SSE comment heartbeats.'),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5)
    .describe('Failed logins per account within the window before 429.'),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20)
    .describe('Failed logins per client IP within the window before 429.'),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900)
    .describe('Window of the failed-login limits.'),
});

export type Config = z.infer<typeof envSchema> & { databaseUrl: string; version: string };

export const configSchema = envSchema;

let cached: Config | undefined;

export function config(): Config {
  if (cached) return cached;
  const raw = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, process.env[k] === '' ? undefined : process.env[k]]),
  );
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const env = parsed.data;
  if (env.APP_ENV === 'production' && !env.NEXTAUTH_SECRET) {
    throw new Error('Invalid environment:\n  NEXTAUTH_SECRET: required when APP_ENV=production');
  }
  cached = {
    ...env,
    databaseUrl: env.DATABASE_URL ?? `file:${env.DATA_DIR.replace(/\/$/, '')}/passion.db`,
    version,
  };
  return cached;
}

/** Tests change the environment between files; they call this to re-read it. */
export function resetConfigForTests(): void {
  cached = undefined;
}
