import 'server-only';
import type { ServerResponse } from 'node:http';
import { AppError, ERROR_STATUS } from '@/lib/server/platform/errors';
import { logger } from '@/lib/server/platform/log';
import { processSingleton } from '@/lib/server/platform/process';
import { securityHeaders } from './security-headers.js';

export const PRIVATE_HEADERS = {
  'Cache-Control': 'private, no-cache',
  Vary: 'Cookie, Authorization',
} as const;

/**
 * The text of each Response made here, by Response: npm start's adapter writes it as it is instead
 * of reading the body's web stream back chunk by chunk (a reader, its promises, a turn of the event
 * loop: decision 067). Under `next start` nobody asks, and each body is read as a stream as before.
 */
const madeWhole = processSingleton('whole-bodies', () => new WeakMap<Response, string>());

/** A Response with a body that is all there at once, known as such to npm start's adapter. */
export function wholeResponse(body: string, init: ResponseInit): Response {
  const response = new Response(body, init);
  madeWhole.set(response, body);
  return response;
}

/** The body of a Response made by wholeResponse, while nobody has read its stream. */
export function wholeBodyOf(response: Response): string | undefined {
  return response.bodyUsed ? undefined : madeWhole.get(response);
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return wholeResponse(JSON.stringify(body), { ...init, headers });
}

/**
 * The AppError in `err`, also one made by another copy of errors.ts: under Next each route bundle
 * has its own copy, and the domains registered at start-up (instrumentation.ts) throw theirs.
 */
function appErrorOf(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const code = err instanceof Error && err.name === 'AppError' ? (err as Partial<AppError>).code : undefined;
  return code !== undefined && Object.hasOwn(ERROR_STATUS, code) ? (err as AppError) : null;
}

interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Every error answer, whoever sends it (route handlers, npm start's adapter and router, both SSE
 * paths): `{"error":{"code","message","issues?"}}`, the security headers, private and varying by
 * credential. Anything but an AppError is our bug: a 500, logged.
 */
function errorAnswer(err: unknown): ErrorAnswer {
  let status = 500;
  let error: Record<string, unknown> = { code: 'internal', message: 'Something went wrong on our side' };
  let extra: Record<string, string> = {};
  const known = appErrorOf(err);
  if (known) {
    status = ERROR_STATUS[known.code];
    error = { code: known.code, message: known.message, ...(known.issues ? { issues: known.issues } : {}) };
    extra = known.headers ?? {};
  } else logger().error({ err }, 'unhandled error in route');
  const headers = { ...securityHeaders(), 'Content-Type': 'application/json; charset=utf-8', ...PRIVATE_HEADERS, ...extra };
  return { status, headers, body: JSON.stringify({ error }) };
}

/** An error as a Web Response (route handlers, under Next or npm start). */
export function errorResponse(err: unknown): Response {
  const { status, headers, body } = errorAnswer(err);
  return wholeResponse(body, { status, headers });
}

/** An error on a bare node:http response (npm start's server: its router, /api/events). */
export function writeErrorResponse(res: ServerResponse, err: unknown): void {
  const { status, headers, body } = errorAnswer(err);
  if (res.headersSent) {
    // Too late for a status: all that is left is to cut the connection.
    res.destroy();
    return;
  }
  res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}
