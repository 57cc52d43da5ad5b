import 'server-only';
import type { PushTrigger } from '@/lib/server/platform/push/tokens';

/**
 * Seed 000, step 4: a task change wakes the user's sleeping devices when today's count moved (their
 * badge and widgets show it). Every other task change reaches live devices over SSE and sleeping ones
 * when they open; iOS grants few background pushes, and they are kept for what must show.
 */
export const tasksPushTrigger: PushTrigger = (event) => event.hints.todayCountChanged === true;
