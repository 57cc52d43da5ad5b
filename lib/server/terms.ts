import 'server-only';
import { and, eq, gte } from 'drizzle-orm';
import { writeChange, type ServiceContext } from './changes/write';
import { getDb } from './db/client';
import { termsAcceptances } from './db/schema';
import { badRequest } from './errors';
import { CURRENT_TERMS } from '@/lib/shared/terms';

export { CURRENT_TERMS };

export async function hasAcceptedCurrentTerms(userId: string): Promise<boolean> {
  const row = await getDb()
    .select({ version: termsAcceptances.version })
    .from(termsAcceptances)
    .where(and(eq(termsAcceptances.userId, userId), gte(termsAcceptances.version, CURRENT_TERMS.version)))
    .get();
  return Boolean(row);
}

export async function acceptTerms(ctx: ServiceContext, version: number): Promise<{ version: number; acceptedAt: number }> {
  if (version !== CURRENT_TERMS.version) throw badRequest(`Version ${version} is not the current terms (${CURRENT_TERMS.version})`);
  return writeChange(ctx, ['terms'], async ({ tx, now }) => {
    await tx.insert(termsAcceptances).values({ userId: ctx.userId, version, acceptedAt: now }).onConflictDoNothing();
    return { version, acceptedAt: now };
  });
}
