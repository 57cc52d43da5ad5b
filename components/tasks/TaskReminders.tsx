'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';
import { remindersBetween } from '@/lib/shared/reminders';
import { useTasks, useTasksTimeZone } from '@/lib/sync/tasks/useTasks';
import { useUserTimeZone } from '@/lib/sync/use-formats';

/** How often the leader looks for reminders that came due; a reminder shows within this of its time. */
const CHECK_MS = 15_000;
/** A reminder missed while no tab was open is still shown if it is at most this old. */
const GRACE_MS = 10 * 60_000;
const FIRED_KEY = 'pos:reminders-fired';

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

function firedKeys(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(FIRED_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

function remember(fired: Set<string>, now: number): void {
  // Keys end with the reminder's instant: forget those well past the grace window.
  const kept = [...fired].filter((key) => Number(key.split('@')[1]) > now - 2 * GRACE_MS);
  try {
    localStorage.setItem(FIRED_KEY, JSON.stringify(kept));
  } catch {
    // Storage full or blocked: a reminder may show twice after a reload, never zero times.
  }
}

function ReminderLeader() {
  const { ready, leader, lists } = useTasks();
  const timeZone = useUserTimeZone();
  useTasksTimeZone(timeZone);
  const latest = useRef({ lists, timeZone });
  useEffect(() => {
    latest.current = { lists, timeZone };
  }, [lists, timeZone]);

  useEffect(() => {
    if (!ready || !leader) return;
    let last = Date.now() - GRACE_MS;
    const check = () => {
      const now = Date.now();
      const fired = firedKeys();
      for (const r of remindersBetween(latest.current.lists, latest.current.timeZone, last, now)) {
        const key = `${r.taskId}@${r.at}`;
        if (fired.has(key)) continue;
        fired.add(key);
        new Notification(r.title, { body: 'Task reminder', tag: key });
      }
      remember(fired, now);
      last = now;
    };
    check();
    const id = setInterval(check, CHECK_MS);
    return () => clearInterval(id);
  }, [ready, leader]);
  return null;
}
