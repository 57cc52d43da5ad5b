import { z } from 'zod';
import { pageFields, text } from './fields';
import type { Terms } from '../terms';

export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** GET /api/admin/users?q= – `q` matches part of an email or a name, case-insensitively. */
export const adminUsersQuerySchema = z.object({ q: text().trim().max(200, 'Search with at most 200 characters').optional(), ...pageFields });
export type AdminUsersQuery = z.infer<typeof adminUsersQuerySchema>;

/** PATCH /api/admin/users/[id]: a new role, and/or disable (true) or enable (false) the account. */
export const adminUserPatchSchema = z
  .strictObject({ role: z.enum(USER_ROLES).optional(), disabled: z.boolean().optional() })
  .refine((p) => p.role !== undefined || p.disabled !== undefined, 'Change the role or the disabled state');
export type AdminUserPatch = z.infer<typeof adminUserPatchSchema>;

/** POST /api/admin/terms: publishes the next terms version; every user must accept it again. */
export const termsPublishSchema = z.strictObject({
  title: text().trim().min(1, 'Give the terms a title').max(200, 'Use at most 200 characters'),
  body: text().trim().min(1, 'Write the terms').max(50_000, 'Use at most 50,000 characters'),
});
export type TermsPublishInput = z.infer<typeof termsPublishSchema>;

export interface AdminUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  timezone: string;
  disabledAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface AdminUserList {
  users: AdminUser[];
  /** Users matching the search (a page shows ADMIN_USERS_PAGE of them, newest first). */
  matched: number;
  total: number;
  /** The next page's cursor (also in the `Link` header); absent on the last page. */
  nextCursor?: string;
}

export const ADMIN_USERS_PAGE = 50;

export interface TermsVersionView extends Terms {
  /** Null for the built-in version that ships with the code. */
  publishedAt: number | null;
  publishedBy: string | null;
}

/** GET /api/admin/terms: newest first; the first is current. */
export interface TermsVersionList {
  current: TermsVersionView;
  versions: TermsVersionView[];
}

/** GET /api/admin/metrics: live sync figures; connections and compactions are this node's. */
export interface SyncMetrics {
  at: number;
  sseConnections: number;
  opLog: { ops: number };
  compaction: { runs: number; pruned: number };
  users: { total: number; admins: number; disabled: number };
}
