'use client';

import { useState, useSyncExternalStore } from 'react';
import { askedBefore, askForNotifications, notificationPermission, type NotifyPermission } from '@/lib/sync/focus/notifications';
import { localStorageOrNull } from './local-storage';

const noop = () => () => {};

/** One line under the start button on why the browser asks to notify; nothing once it may. */
export function NotificationHint() {
  // Read after hydration: the server knows nothing of this browser's permission.
  const initial = useSyncExternalStore(noop, notificationPermission, () => 'unsupported' as NotifyPermission);
  const asked = useSyncExternalStore(
    noop,
    () => askedBefore(localStorageOrNull()),
    () => false,
  );
  const [permission, setPermission] = useState<NotifyPermission | null>(null);
  const now = permission ?? initial;

  if (now === 'granted' || now === 'unsupported') return null;
  if (now === 'denied') {
    return (
      <p className="text-xs text-stone-500" data-testid="notification-hint">
        Notifications are blocked in this browser: the chime and the tab title still tell you when time is up.
      </p>
    );
  }
  if (!asked) {
    return (
      <p className="text-xs text-stone-500" data-testid="notification-hint">
        When you start, your browser asks to let Passion OS notify you when time is up, even from another tab.
      </p>
    );
  }
  return (
    <p className="flex flex-wrap items-center gap-2 text-xs text-stone-500" data-testid="notification-hint">
      Notifications are off: only the chime and the tab title tell you when time is up.
      <button type="button" className="btn-ghost px-2 py-1 text-xs" onClick={async () => setPermission(await askForNotifications(localStorageOrNull(), true))}>
        Allow notifications
      </button>
    </p>
  );
}
