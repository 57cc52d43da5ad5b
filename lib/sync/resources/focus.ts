import type { FocusActive, FocusSessionRecord } from '@/lib/shared/focus';
import { defineResource } from './resource';

export const FOCUS_ACTIVE_URL = '/api/focus/active';

export const focusActive = defineResource<FocusActive>({ key: ['focus', 'active'], url: () => FOCUS_ACTIVE_URL, contract: 'focus', scopes: ['focus'] });

/** Finished sessions of [from, to): stopping a session bumps progress, not only focus. */
export const focusSessions = defineResource<FocusSessionRecord[], [from: number, to: number]>({
  key: ['focus', 'sessions'],
  url: (from, to) => `/api/focus/sessions?from=${from}&to=${to}`,
  contract: 'focus-sessions',
  scopes: ['progress'],
});
