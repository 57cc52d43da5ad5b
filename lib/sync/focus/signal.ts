import { playChime } from './chime';
import type { EndSignal } from './end-signal';
import { showNotification } from './notifications';
import { readFocusSettings } from './settings';

/**
 * What the "timer end" leader does at a 0:00: the chime (unless muted) and the notification. Loaded
 * once a session shows, not with every page (decision 072); the election itself starts with the page.
 */
export function signalEnd(s: EndSignal, userId: string): void {
  if (!readFocusSettings(userId).muted) playChime();
  showNotification(s);
}
