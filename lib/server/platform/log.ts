import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import pino, { type DestinationStream, type Logger } from 'pino';
import { config } from './config';

/**
 * A second line of defence only. The rule is that nobody logs request bodies, cookies,
 * authorization headers or query strings; these paths catch a slip in the usual places.
 */
const REDACT = [
  'password',
  '*.password',
  'newPassword',
  '*.newPassword',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'apiKey',
  '*.apiKey',
  'key',
  '*.key',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'headers',
  '*.headers',
  'body',
  '*.body',
  'query',
  '*.query',
  'search',
  '*.search',
  'url',
  '*.url',
  'title',
  'taskTitle',
  'notes',
  'note',
  'content',
  'text',
  'description',
];

// Next loads modules once per route bundle and scripts/server.ts is a bundle of its own: one
// logger per process keeps their lines from interleaving on stdout.
const slot = processSingleton('logger', (): { logger?: Logger } => ({}));

function create(destination?: DestinationStream): Logger {
  return pino(
    {
      level: config().LOG_LEVEL,
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
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
