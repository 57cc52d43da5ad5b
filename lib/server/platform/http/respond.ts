import 'server-only';
import { AppError } from '@/lib/server/platform/errors';
import { logger } from '@/lib/server/platform/log';

export const PRIVATE_HEADERS = {
  'Cache-Control': 'private, no-cache',
  Vary: 'Cookie, Authorization',
} as const;

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { ...init, headers });
}

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    const body = { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
    return json(body, { status: err.status, headers: { ...PRIVATE_HEADERS, ...err.headers } });
  }
  logger().error({ err }, 'unhandled error in route');
  return json({ error: { code: 'internal', message: 'Something went wrong on our side' } }, { status: 500 });
}
