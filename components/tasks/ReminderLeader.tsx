'use client';

import { useEffect, useRef } from 'react';
import { remindersBetween } from '@/lib/shared/reminders';
import { useTasks, useTasksTimeZone } from '@/lib/sync/tasks/useTasks';
import { useUserTimeZone } from '@/lib/sync/use-formats';

/** How often the leader looks for reminders that came due; a reminder shows within this of its time. */
const CHECK_MS = 15_000;
/** A reminder missed while no tab was open is still shown if it is at most this old. */
const GRACE_MS = 10 * 60_000;
const FIRED_KEY = 'pos:reminders-fired';

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

/** Shows due reminders from the tasks leader tab (TaskReminders mounts it once notifications are allowed). */
export function ReminderLeader() {
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
