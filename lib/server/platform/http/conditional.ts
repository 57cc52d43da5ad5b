import 'server-only';
import { createHash } from 'node:crypto';
import { readScopeVersions } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';

/**
 * The ETag of a user's GET, computed *before* loading any data: a hash of the user id, the
 * versions of the scopes the response depends on, and the query. One small read per request.
 */
export async function computeEtag(userId: string, scopes: readonly string[], key: string): Promise<string> {
  const versions = await readScopeVersions(getDb(), userId, scopes);
  const material = [userId, ...scopes.map((s) => `${s}:${versions[s]}`), key].join('\n');
  return `"${createHash('sha256').update(material).digest('base64url').slice(0, 27)}"`;
}

/** RFC 9110 weak comparison of If-None-Match against our ETag (`*` matches anything). */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

/**
 * The ETag of a GET whose data depends on no user scope (admin lists, live connection counts):
 * a weak hash of the user id and the serialised body, computed after loading. It saves the bytes
 * of an unchanged answer, not the work of building it.
 */
export function contentEtag(userId: string, body: string): string {
  return `W/"${createHash('sha256').update(userId).update('\n').update(body).digest('base64url').slice(0, 27)}"`;
}
