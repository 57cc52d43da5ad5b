import type { EndSignal } from './end-signal';

export type NotifyPermission = NotificationPermission | 'unsupported';

const ASKED_KEY = 'pos:focus-notifications-asked';

export function notificationPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Whether this browser was already asked once, on a first start. */
export function askedBefore(storage: Storage | null): boolean {
  try {
    return storage?.getItem(ASKED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Asks for permission to notify, in the click that starts a session; never on page load. Asked once
 * per browser on its own (`force`: the user's own "Allow notifications" click asks again).
 */
export async function askForNotifications(storage: Storage | null, force = false): Promise<NotifyPermission> {
  if (notificationPermission() !== 'default' || (!force && askedBefore(storage))) return notificationPermission();
  try {
    storage?.setItem(ASKED_KEY, '1');
  } catch {
    // Storage blocked: the browser may ask again next time.
  }
  try {
    return await Notification.requestPermission();
  } catch {
    return notificationPermission();
  }
}

export function showNotification(s: EndSignal): void {
  if (notificationPermission() !== 'granted') return;
  try {
    // The tag makes the system replace rather than stack a repeat of the same moment.
    new Notification(s.title, { body: s.body, tag: `pos-focus:${s.key}` });
  } catch {
    // Some browsers only notify through a service worker: the chime and the tab title still tell.
  }
}
