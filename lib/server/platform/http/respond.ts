import 'server-only';
import type { ServerResponse } from 'node:http';
import { AppError } from '@/lib/server/platform/errors';
import { logger } from '@/lib/server/platform/log';
import { securityHeaders } from './security-headers.js';

export const PRIVATE_HEADERS = {
  'Cache-Control': 'private, no-cache',
  Vary: 'Cookie, Authorization',
} as const;

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { ...init, headers });
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
  if (err instanceof AppError) {
    status = err.status;
    error = { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) };
    extra = err.headers ?? {};
  } else logger().error({ err }, 'unhandled error in route');
  const headers = { ...securityHeaders(), 'Content-Type': 'application/json; charset=utf-8', ...PRIVATE_HEADERS, ...extra };
  return { status, headers, body: JSON.stringify({ error }) };
}

/** An error as a Web Response (route handlers, under Next or npm start). */
export function errorResponse(err: unknown): Response {
  const { status, headers, body } = errorAnswer(err);
  return new Response(body, { status, headers });
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
