import 'server-only';
import type { PushTrigger } from '@/lib/server/platform/push/tokens';

/** Seed 000: a task change wakes the user's sleeping devices, which refresh their badge and widgets. */
export const tasksPushTrigger: PushTrigger = () => true;
