import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import pino, { type DestinationStream, type Logger } from 'pino';
import { config } from './config';

/**
 * A second line of defence only. The rule is that nobody logs request bodies, cookies,
 * authorization headers or query strings; these keys catch a slip in the usual places.
 * Censored at the top of a line and one level down (`password`, `ctx.password`, `err.url`):
 */
const SECRET_KEYS = new Set([
  'password',
  'newPassword',
  'token',
  'secret',
  'apiKey',
  'key',
  'authorization',
  'cookie',
  'headers',
  'body',
  'query',
  'search',
  'url',
]);
/** …and the user's own words, at the top of a line. */
const TEXT_KEYS = new Set(['title', 'taskTitle', 'notes', 'note', 'content', 'text', 'description']);
const CENSOR = '[redacted]';

/** `fields` with its secret keys censored: a copy when one is there, `fields` itself otherwise. */
function censorSecrets(fields: Record<string, unknown>, keys: ReadonlySet<string>, depth: number): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    let next = value;
    if (keys.has(key) || (depth === 0 && TEXT_KEYS.has(key))) next = CENSOR;
    else if (depth === 0 && isPlainRecord(value)) next = censorSecrets(value, SECRET_KEYS, 1);
    if (next !== value) (out ??= { ...fields })[key] = next;
  }
  return out ?? fields;
}

/** pino's error serializer, then the error's own fields censored; anything else logged as `err` (null, a string) as it is. */
function censorError(err: unknown): unknown {
  const serialized: unknown = pino.stdSerializers.err(err as Error);
  return typeof serialized === 'object' && serialized !== null ? censorSecrets(serialized as Record<string, unknown>, SECRET_KEYS, 1) : serialized;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Error);
}

/**
 * Every log line's fields, censored (decision 067). pino's own `redact` re-parses each of its paths
 * for every field of every line: ~30 KB of garbage per request log line, the largest single share
 * of what a nudge allocated.
 */
export function redactLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  return censorSecrets(fields, SECRET_KEYS, 0);
}

// Next loads modules once per route bundle and scripts/server.ts is a bundle of its own: one
// logger per process keeps their lines from interleaving on stdout.
const slot = processSingleton('logger', (): { logger?: Logger } => ({}));

function create(destination?: DestinationStream): Logger {
  return pino(
    {
      level: config().LOG_LEVEL,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: redactLogFields },
      // An error's own fields (a fetch error's url, say) are censored once it is a plain object.
      serializers: { err: censorError },
    },
    destination,
  );
}

/** The process's JSON logger (stdout). Pass ids and outcomes, never request objects or bodies. */
export function logger(): Logger {
  return (slot.logger ??= create());
}

/** Tests read the lines from their own stream; `undefined` goes back to stdout. */
export function setLogDestinationForTests(destination: DestinationStream | undefined): void {
  slot.logger = destination ? create(destination) : undefined;
}
