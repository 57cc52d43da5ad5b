'use client';

import dynamic from 'next/dynamic';
import { useSyncExternalStore } from 'react';

// What shows the reminders loads only where notifications are allowed (decision 065).
const ReminderLeader = dynamic(() => import('./ReminderLeader').then((m) => m.ReminderLeader), { ssr: false });

export const REMINDERS_CHANGED = 'pos:reminders-permission';

function permission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks the browser for notifications (from a click: browsers refuse it otherwise) and tells the reminders. */
export async function enableReminders(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  const answer = await Notification.requestPermission();
  window.dispatchEvent(new Event(REMINDERS_CHANGED));
  return answer;
}

/**
 * Task reminders as browser notifications, shown by the tasks leader tab only (one per browser, while
 * any tab is open). Without notification permission nothing runs: the tasks engine is not started
 * on pages that do not show tasks.
 */
export function TaskReminders() {
  return useNotificationPermission() === 'granted' ? <ReminderLeader /> : null;
}

function subscribePermission(onChange: () => void): () => void {
  window.addEventListener(REMINDERS_CHANGED, onChange);
  return () => window.removeEventListener(REMINDERS_CHANGED, onChange);
}

/** The browser's notification permission, as this page last asked it ('unsupported' on the server). */
export function useNotificationPermission(): NotificationPermission | 'unsupported' {
  return useSyncExternalStore(subscribePermission, permission, () => 'unsupported');
}
