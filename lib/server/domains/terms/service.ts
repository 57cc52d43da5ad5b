import 'server-only';
import { MINUTE_MS, read } from '@/lib/server/platform/http/read';
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { TermsPublishInput, TermsVersionList, TermsVersionView } from '@/lib/shared/schemas/admin';
import { CURRENT_TERMS, type Terms } from '@/lib/shared/terms';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { getDb, type Db, type Tx } from '@/lib/server/platform/db/client';
import { termsAcceptances, termsVersions } from './schema';
import { badRequest } from '@/lib/server/platform/errors';

// The built-in terms (lib/shared/terms.ts) are current until an admin publishes a version; the
// newest row of terms_versions is current from then on, and every user must accept it again.
export { CURRENT_TERMS };

type TermsRow = typeof termsVersions.$inferSelect;

const BUILT_IN: TermsVersionView = { ...CURRENT_TERMS, publishedAt: null, publishedBy: null };

function toView(row: TermsRow): TermsVersionView {
  return { version: row.version, title: row.title, body: row.body, publishedAt: row.publishedAt, publishedBy: row.publishedBy };
}

async function newestVersion(db: Db | Tx): Promise<TermsVersionView> {
  const row = await db.select().from(termsVersions).orderBy(desc(termsVersions.version)).limit(1).get();
  return row ? toView(row) : BUILT_IN;
}

/** The terms every user must have accepted: the newest published version, else the built-in one. */
export async function currentTerms(): Promise<Terms> {
  const { version, title, body } = await newestVersion(getDb());
  return { version, title, body };
}

async function hasAccepted(db: Db | Tx, userId: string, version: number): Promise<boolean> {
  const row = await db
    .select({ version: termsAcceptances.version })
    .from(termsAcceptances)
    .where(and(eq(termsAcceptances.userId, userId), gte(termsAcceptances.version, version)))
    .get();
  return Boolean(row);
}

export async function hasAcceptedCurrentTerms(userId: string): Promise<boolean> {
  const db = getDb();
  return hasAccepted(db, userId, (await newestVersion(db)).version);
}

/** GET /api/tos: the current terms and whether this user has accepted them. */
/** The caller's terms: a version published since reaches a cached client within a minute. */
export const termsOfCaller = read({ scopes: ['terms'], everyMs: MINUTE_MS }, (ctx) => termsStatus(ctx.userId));

export async function termsStatus(userId: string): Promise<{ terms: Terms; accepted: boolean }> {
  const terms = await currentTerms();
  return { terms, accepted: await hasAccepted(getDb(), userId, terms.version) };
}

export async function acceptTerms(ctx: ServiceContext, version: number): Promise<{ version: number; acceptedAt: number }> {
  return writeChange(ctx, ['terms'], async ({ tx, now }) => {
    // Checked inside the write, so a version published meanwhile cannot be skipped.
    const current = (await newestVersion(tx)).version;
    if (version !== current) throw badRequest(`Version ${version} is not the current terms (${current})`);
    await tx.insert(termsAcceptances).values({ userId: ctx.userId, version, acceptedAt: now }).onConflictDoNothing();
    return { version, acceptedAt: now };
  });
}

/** Every version, newest (current) first, the built-in one last. */
export async function listTermsVersions(): Promise<TermsVersionList> {
  const rows = await getDb().select().from(termsVersions).orderBy(desc(termsVersions.version));
  const published = rows.map(toView);
  const versions = published.some((v) => v.version === CURRENT_TERMS.version) ? published : [...published, BUILT_IN];
  return { current: versions[0], versions };
}

/** Publishes the next version (after the newest, built-in included); it is current at once. */
export async function publishTerms(ctx: ServiceContext, input: TermsPublishInput): Promise<TermsVersionView> {
  return writeChange(ctx, ['terms'], async ({ tx, now }) => {
    const newest = await tx
      .select({ version: sql<number | null>`max(${termsVersions.version})` })
      .from(termsVersions)
      .get();
    const version = Math.max(CURRENT_TERMS.version, Number(newest?.version ?? 0)) + 1;
    const [row] = await tx
      .insert(termsVersions)
      .values({ version, title: input.title, body: input.body, publishedAt: now, publishedBy: ctx.userId })
      .returning();
    return toView(row);
  });
}
