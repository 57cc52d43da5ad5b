import 'server-only';
import type { z } from 'zod';
import { AppError, type Issue } from '@/lib/server/platform/errors';

export const MAX_BODY_BYTES = 1024 * 1024;

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message, code: i.code }));
}

async function readLimited(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away mid-body (node's "aborted"): its failure, not a 500 (scripts/soak.ts).
      throw new AppError('bad_request', 'The connection closed before the whole body arrived');
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError('invalid_json', 'The body is not valid UTF-8');
  }
}

function tooLarge(maxBytes: number) {
  return new AppError('payload_too_large', `The body is larger than ${maxBytes} bytes`);
}

/** Reads a JSON body and validates it: 415 wrong type, 413 too large, 400 malformed or invalid. */
/** `optional`: a request with no body at all (no content type, nothing sent) reads as `{}`. */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S, { maxBytes = MAX_BODY_BYTES, optional = false } = {}): Promise<z.infer<S>> {
  const type = req.headers.get('content-type') ?? '';
  const json = /^application\/(.+\+)?json\b/i.test(type.trim());
  if (!json && !(optional && type === '')) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json');
  }
  const text = await readLimited(req, maxBytes);
  if (!json) {
    if (text.trim() !== '') throw new AppError('unsupported_media_type', 'Send the body as application/json');
    return validate(schema, {}, 'The body does not match the expected shape');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The body is not valid JSON');
  }
  return validate(schema, data, 'The body does not match the expected shape');
}

export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
  return validate(schema, Object.fromEntries(url.searchParams), 'The query does not match the expected shape');
}

function validate<S extends z.ZodType>(schema: S, data: unknown, message: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new AppError('validation_failed', message, zodIssues(parsed.error));
  return parsed.data;
}
