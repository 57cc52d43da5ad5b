'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { formatsFor, type Formats } from '@/lib/shared/format';
import type { FocusSessionRecord } from '@/lib/shared/focus';
import { showToast } from '../toast';
import { cachedUserTimeZone } from '../use-formats';

/** "Your 25-min focus on Write Q1 memo completed itself at 14:25." (the time in the user's own clock and locale) */
export function completedItselfText(r: FocusSessionRecord, format: Formats): string {
  const at = format.time(r.endedAt);
  return `Your ${r.plannedMinutes}-min focus${r.taskTitle ? ` on ${r.taskTitle}` : ''} completed itself at ${at}.`;
}

/** Long enough to be read by someone just back at their desk; it can be dismissed. */
const NOTICE_MS = 60_000;

const toldKey = (userId: string) => `pos:focus-told:${userId}`;

function told(userId: string): string | null {
  try {
    return localStorage.getItem(toldKey(userId));
  } catch {
    return null;
  }
}

/**
 * Tells the user once, in the first tab of this browser they look at, that a session they forgot
 * completed itself (decision 030); a hidden tab waits until it is shown.
 */
export function useCompletedItselfNotice(userId: string, record: FocusSessionRecord | undefined): void {
  const client = useQueryClient();
  const id = record?.id;
  useEffect(() => {
    if (!record) return;
    const tell = () => {
      if (document.visibilityState === 'hidden' || told(userId) === record.id) return;
      try {
        localStorage.setItem(toldKey(userId), record.id);
      } catch {
        // Storage blocked: told in this tab, maybe again in another.
      }
      showToast(completedItselfText(record, formatsFor(cachedUserTimeZone(client, userId))), 'info', NOTICE_MS);
    };
    tell();
    document.addEventListener('visibilitychange', tell);
    return () => document.removeEventListener('visibilitychange', tell);
    // The record is the same as long as its id is.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId, id]);
}
