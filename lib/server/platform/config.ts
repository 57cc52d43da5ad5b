import 'server-only';
import { z } from 'zod';
import { version } from '@/package.json';

// The one place that reads process.env. Empty strings count as unset (create-t3-app's rule).
const envSchema = z.object({
  APP_ENV: z
    .enum(['local', 'test', 'production'])
    .default('local')
    .describe('`production` makes NEXTAUTH_SECRET mandatory; `local` generates one into DATA_DIR.'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe('HTTP port of `npm start`.'),
  DATA_DIR: z.string().default('./data').describe('Folder for the embedded database and the generated secret.'),
  DATABASE_URL: z.string().optional().describe('libsql URL: `file:…` (embedded) or `libsql://…` (sqld/Turso). Default `file:<DATA_DIR>/passion.db`.'),
  DATABASE_AUTH_TOKEN: z.string().optional().describe('Auth token for a remote libsql server.'),
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000).describe('SQLite busy timeout: how long a writer waits for the lock.'),
  NEXTAUTH_SECRET: z.string().min(32).optional().describe('JWT/cookie secret. Required when APP_ENV=production; generated into DATA_DIR otherwise.'),
  NEXTAUTH_URL: z.string().url().optional().describe('Public origin. Unset: taken from the request Host, so any PORT works.'),
  REDIS_URL: z.string().optional().describe('Redis for the change bus across nodes. Unset: in-process bus.'),
  SSE_THROTTLE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(1000)
    .describe('Realtime: at most one event per user and scope in this window; later ones are merged.'),
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(1000).default(15000).describe('Realtime: interval of SSE comment heartbeats.'),
  SSE_MAX_STREAMS_PER_USER: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .describe('Realtime: most SSE streams one user may hold on a node; a new one beyond it closes their oldest (decision 026).'),
  OPLOG_MAX_OPS_PER_PUSH: z.coerce.number().int().min(1).default(1000).describe('Tasks op log: most ops one push may carry (more → 413).'),
  OPLOG_COMPACT_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(3_600_000)
    .describe('Tasks op log: how often each node compacts (0 = only on demand via the CLI).'),
  OPLOG_SAFETY_BUFFER: z.coerce.number().int().min(0).default(1000).describe('Tasks op log: ops kept below the slowest live client cursor when compacting.'),
  OPLOG_RETIRE_AFTER_DAYS: z.coerce.number().min(0).default(30).describe('Tasks op log: clients unseen this long are retired and must re-bootstrap (410).'),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5).describe('Failed logins per account within the window before 429.'),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20).describe('Failed logins per client IP within the window before 429.'),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900).describe('Window of the failed-login limits.'),
  TEST_SCRYPT_LOG_N: z.coerce
    .number()
    .int()
    .min(10)
    .max(15)
    .optional()
    .describe('Test only (refused unless APP_ENV=test): new password hashes cost scrypt N=2^this instead of 2^15, for suites that sign up hundreds of users.'),
  APNS_KEY: z.string().optional().describe('APNs auth key (.p8) contents, PEM (`\\n` escapes allowed). Set this or APNS_KEY_PATH to enable silent pushes.'),
  APNS_KEY_PATH: z.string().optional().describe('Path of the APNs auth key (.p8) file, instead of APNS_KEY.'),
  APNS_KEY_ID: z
    .string()
    .regex(/^[A-Z0-9]{10}$/, 'the 10-character key ID from Apple')
    .optional()
    .describe('Key ID of the APNs auth key (the `kid` of the provider token).'),
  APNS_TEAM_ID: z
    .string()
    .regex(/^[A-Z0-9]{10}$/, 'the 10-character team ID from Apple')
    .optional()
    .describe('Apple developer team ID (the `iss` of the provider token).'),
  APNS_BUNDLE_ID: z.string().optional().describe('App bundle ID (`apns-topic`) for both environments.'),
  APNS_BUNDLE_ID_DEV: z.string().optional().describe('Bundle ID for `dev` (sandbox) tokens; overrides APNS_BUNDLE_ID.'),
  APNS_BUNDLE_ID_PROD: z.string().optional().describe('Bundle ID for `prod` tokens; overrides APNS_BUNDLE_ID.'),
  APNS_ENV: z
    .enum(['dev', 'prod'])
    .default('prod')
    .describe('Environment of a device token registered without one: `dev` = APNs sandbox, `prod` = production.'),
  APNS_ORIGIN: z.string().url().optional().describe('Sends every APNs request to this origin instead of Apple (tests, a proxy).'),
  APNS_CONNECT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10_000)
    .describe('APNs: how long a TLS + HTTP/2 connection may take before it is dropped and retried with backoff.'),
  APNS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000).describe('APNs: how long one push may wait for its answer.'),
  APNS_RETRY_MS: z.coerce.number().int().min(1000).default(60_000).describe('APNs: delay before a token answered 429 (or a lost request) is tried again.'),
  APNS_UNAVAILABLE_BACKOFF_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(5 * 60_000)
    .describe('APNs: pause of a whole environment after a 500/503; doubles while it persists, up to an hour.'),
  PUSH_THROTTLE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(60_000)
    .describe('Silent pushes: at most one per user and scope in this window; later changes are merged.'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Level of the JSON logs on stdout (pino). `info` logs one line per request.'),
  METRICS_TOKEN: z.string().min(16).optional().describe('Bearer token for `GET /api/metrics` (Prometheus text). Unset: the endpoint answers 404.'),
});

export type Config = z.infer<typeof envSchema> & {
  databaseUrl: string;
  version: string;
  /** Silent pushes are on: a key, its ID, the team ID and at least one bundle ID are set. */
  apnsConfigured: boolean;
};

const APNS_REQUIRED = ['APNS_KEY_ID', 'APNS_TEAM_ID'] as const;

/** Half an APNs configuration is a mistake to report at start, not a push that silently never goes out. */
function apnsProblems(env: z.infer<typeof envSchema>): string[] {
  const hasKey = Boolean(env.APNS_KEY || env.APNS_KEY_PATH);
  const hasTopic = Boolean(env.APNS_BUNDLE_ID || env.APNS_BUNDLE_ID_DEV || env.APNS_BUNDLE_ID_PROD);
  const any = hasKey || hasTopic || APNS_REQUIRED.some((k) => env[k]);
  if (!any) return [];
  const problems = APNS_REQUIRED.filter((k) => !env[k]).map((k) => `  ${k}: required when APNs is configured`);
  if (!hasKey) problems.push('  APNS_KEY: set APNS_KEY or APNS_KEY_PATH when APNs is configured');
  if (env.APNS_KEY && env.APNS_KEY_PATH) problems.push('  APNS_KEY: set APNS_KEY or APNS_KEY_PATH, not both');
  if (!hasTopic) problems.push('  APNS_BUNDLE_ID: set APNS_BUNDLE_ID (or _DEV / _PROD) when APNs is configured');
  return problems;
}

export const configSchema = envSchema;

let cached: Config | undefined;

export function config(): Config {
  if (cached) return cached;
  const raw = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, process.env[k] === '' ? undefined : process.env[k]]));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const env = parsed.data;
  if (env.APP_ENV === 'production' && !env.NEXTAUTH_SECRET) {
    throw new Error('Invalid environment:\n  NEXTAUTH_SECRET: required when APP_ENV=production');
  }
  // A cheaper password hash outside a test run would be a silent weakening: refused at start.
  if (env.TEST_SCRYPT_LOG_N !== undefined && env.APP_ENV !== 'test') {
    throw new Error('Invalid environment:\n  TEST_SCRYPT_LOG_N: only with APP_ENV=test');
  }
  const apns = apnsProblems(env);
  if (apns.length > 0) throw new Error(`Invalid environment:\n${apns.join('\n')}`);
  cached = {
    ...env,
    databaseUrl: env.DATABASE_URL ?? `file:${env.DATA_DIR.replace(/\/$/, '')}/passion.db`,
    version,
    apnsConfigured: Boolean(env.APNS_KEY || env.APNS_KEY_PATH),
  };
  return cached;
}

/** Tests change the environment between files; they call this to re-read it. */
export function resetConfigForTests(): void {
  cached = undefined;
}
