import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { type ApiKeyCreateInput, type ApiKeyCreated, type ApiKeyView } from '@/lib/shared/schemas/native';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { ownRowOrThrow } from '@/lib/server/platform/db/owned';
import { getDb, type Db, type Tx } from '@/lib/server/platform/db/client';
import { apiKeys } from '@/lib/server/platform/auth/schema';
import { forbidden, notFound } from '@/lib/server/platform/errors';
import { endedHint } from '@/lib/server/platform/realtime/revocation';
import { hashSecret } from '@/lib/server/platform/auth/api-keys';
import { TOUCH_EVERY_MS } from '@/lib/server/platform/db/columns';
import { read } from '@/lib/server/platform/http/read';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_LENGTH = 12;

type ApiKeyRow = typeof apiKeys.$inferSelect;

function newKeyId(): string {
  // 256 is a multiple of 32, so `byte & 31` picks every letter equally often.
  return [...randomBytes(ID_LENGTH)].map((b) => BASE32[b & 31]).join('');
}

function toView(row: ApiKeyRow): ApiKeyView {
  return { id: row.id, label: row.label, prefix: row.prefix, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, revokedAt: row.revokedAt };
}

const getApiKeyOrThrow = (db: Db | Tx, ctx: ServiceContext, id: string): Promise<ApiKeyRow> => ownRowOrThrow(db, ctx, apiKeys, eq(apiKeys.id, id), 'API key');

/** Makes a key; the answer is the only place the whole key ever appears. */
export async function createApiKey(ctx: ServiceContext, input: ApiKeyCreateInput): Promise<ApiKeyCreated> {
  const id = newKeyId();
  const secret = randomBytes(32).toString('base64url');
  return writeChange(ctx, ['devices'], async (w) => {
    const [row] = await w.tx
      .insert(apiKeys)
      .values({ id, userId: ctx.userId, label: input.label, prefix: `pos_${id}`, secretHash: hashSecret(secret).toString('base64url'), createdAt: w.now })
      .returning();
    return { key: `pos_${id}_${secret}`, apiKey: toView(row) };
  });
}

/** The user's keys, revoked ones included, newest first. */
export async function listApiKeys(ctx: ServiceContext): Promise<ApiKeyView[]> {
  const rows = await getDb().select().from(apiKeys).where(eq(apiKeys.userId, ctx.userId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map(toView);
}

/** Revokes a key for good, closing the realtime streams opened with it on every node; revoking it again changes nothing. */
export async function revokeApiKey(ctx: ServiceContext, id: string): Promise<ApiKeyView> {
  return writeChange(ctx, ['devices'], async (w) => {
    const row = await getApiKeyOrThrow(w.tx, ctx, id);
    if (row.revokedAt !== null) return toView(row);
    const [revoked] = await w.tx
      .update(apiKeys)
      .set({ revokedAt: w.now })
      .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, ctx.userId)))
      .returning();
    w.hints.sessionEnded = endedHint({ kind: 'apiKey', id });
    return toView(revoked);
  });
}

/** The CLI's revoke: by key id alone, whoever owns it. */
export async function revokeApiKeyById(id: string): Promise<ApiKeyView & { userId: string }> {
  const owner = await getDb().select({ userId: apiKeys.userId }).from(apiKeys).where(eq(apiKeys.id, id)).get();
  if (!owner) throw notFound('API key');
  return { ...(await revokeApiKey({ userId: owner.userId }, id)), userId: owner.userId };
}

/** Keys are managed from a signed-in browser only: a leaked key must not be able to mint more keys. */
export function keyManagerContext(ctx: ServiceContext): ServiceContext {
  if (ctx.via !== 'session') throw forbidden('API keys are managed from a signed-in browser session, not with an API key');
  return ctx;
}

/**
 * GET /api/api-keys: the caller's keys for a browser session. Last-used times move without a write
 * (at most once a minute), so the answer turns over every minute too; the session check runs before
 * any 304, so a key never gets one.
 */
export const apiKeyList = read<{ apiKeys: ApiKeyView[] }>(
  (ctx) => {
    keyManagerContext(ctx);
    return { scopes: ['devices'], everyMs: TOUCH_EVERY_MS };
  },
  async (ctx) => ({ apiKeys: await listApiKeys(keyManagerContext(ctx)) }),
);
