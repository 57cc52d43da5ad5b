import type { FocusActive } from '@/lib/shared/focus';
import type { RememberedBody } from '../conditional-fetch';

/**
 * The server clock's lead over this browser's, measured only on a body as it arrived: its
 * `serverTime` minus the local time of that 200. A body seen again later — a 304, this tab's
 * sessionStorage after a reload, another tab's relay — is as old as it was then, so measuring it
 * against the time it is seen again would count its age as clock offset. Null: nothing to learn.
 */
export function offsetOnArrival(data: FocusActive, remembered: RememberedBody<FocusActive> | undefined): number | null {
  if (remembered?.receivedAt === undefined || remembered.body?.serverTime !== data.serverTime) return null;
  return data.serverTime - remembered.receivedAt;
}
