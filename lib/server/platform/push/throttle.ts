import 'server-only';
import type { ChangeEvent, ChangeHints, Scope } from '@/lib/shared/events';
import type { PushClock } from './clock';

/** One push's worth of changes: the hints a silent push carries, merged over its window. */
export interface PushChange {
  userId: string;
  scope: Scope;
  hints: Pick<ChangeHints, 'changedScopes' | 'todayCountChanged' | 'todayCount'>;
  /** The device every merged change came from (its own token is skipped), else null. */
  sourceDeviceId: string | null;
}

export function pushChangeOf(event: ChangeEvent, scope: Scope): PushChange {
  const { changedScopes, todayCountChanged, todayCount } = event.hints;
  return { userId: event.userId, scope, hints: { changedScopes, todayCountChanged, todayCount }, sourceDeviceId: event.sourceDeviceId };
}

function merge(a: PushChange, b: PushChange): PushChange {
  return {
    ...b,
    sourceDeviceId: a.sourceDeviceId === b.sourceDeviceId ? b.sourceDeviceId : null,
    hints: {
      changedScopes: [...new Set([...a.hints.changedScopes, ...b.hints.changedScopes])],
      todayCountChanged: a.hints.todayCountChanged || b.hints.todayCountChanged || undefined,
      // The badge is the latest known count, whichever change reported it.
      todayCount: b.hints.todayCount ?? a.hints.todayCount,
    },
  };
}

/**
 * At most one push per (user, scope) per window (seed 000: APNs 60 s): the first change that wakes
 * devices goes out at once, later ones in the window are merged and go out when it ends, which opens
 * the next window. A change that does not wake devices (today's count did not move) never causes a
 * push; inside a window it rides along with the next one that does. Same semantics as
 * realtime/throttle.ts, but on an injected clock and keeping the badge count.
 */
export class PushThrottle {
  private readonly windows = new Map<string, { pending: PushChange | null; wakes: boolean; timer: unknown }>();

  constructor(
    private readonly windowMs: number,
    private readonly clock: PushClock,
    private readonly emit: (change: PushChange) => void,
  ) {}

  push(change: PushChange, wakes = true): void {
    const key = `${change.userId}\u0000${change.scope}`;
    const open = this.windows.get(key);
    if (!open) {
      if (!wakes) return;
      this.emit(change);
      this.open(key);
      return;
    }
    open.pending = open.pending ? merge(open.pending, change) : change;
    open.wakes ||= wakes;
  }

  private open(key: string): void {
    const timer = this.clock.setTimeout(() => {
      const window = this.windows.get(key);
      this.windows.delete(key);
      if (!window?.pending || !window.wakes) return;
      this.emit(window.pending);
      this.open(key);
    }, this.windowMs);
    this.windows.set(key, { pending: null, wakes: false, timer });
  }

  dispose(): void {
    for (const w of this.windows.values()) this.clock.clearTimeout(w.timer);
    this.windows.clear();
  }
}
