import 'server-only';
import type { ChangeEvent } from '@/lib/shared/events';

/**
 * At most one event per (user, scope) per window (seed 000: SSE 1 s): the first goes out at
 * once; later ones inside the window are merged — union of changedScopes and updatedTaskIds,
 * OR of todayCountChanged, the latest domain event — and sent when the window ends.
 */
export class ChangeThrottle {
  private readonly windows = new Map<string, { pending: ChangeEvent | null; merged: number; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly windowMs: number,
    private readonly emit: (event: ChangeEvent, merged: number) => void,
  ) {}

  push(event: ChangeEvent): void {
    const key = `${event.userId}\u0000${event.scope}`;
    const open = this.windows.get(key);
    if (!open) {
      this.emit(event, 1);
      this.open(key);
      return;
    }
    open.pending = open.pending ? merge(open.pending, event) : event;
    open.merged += 1;
  }

  private open(key: string): void {
    const timer = setTimeout(() => {
      const window = this.windows.get(key);
      this.windows.delete(key);
      if (!window?.pending) return;
      this.emit(window.pending, window.merged);
      this.open(key);
    }, this.windowMs);
    timer.unref?.();
    this.windows.set(key, { pending: null, merged: 0, timer });
  }

  dispose(): void {
    for (const w of this.windows.values()) clearTimeout(w.timer);
    this.windows.clear();
  }
}

function union<T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined {
  if (!a && !b) return undefined;
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

export function merge(a: ChangeEvent, b: ChangeEvent): ChangeEvent {
  return {
    ...b,
    // Two devices' changes merged: nobody's own event, so every device hears it.
    sourceDeviceId: a.sourceDeviceId === b.sourceDeviceId ? b.sourceDeviceId : null,
    hints: {
      changedScopes: union(a.hints.changedScopes, b.hints.changedScopes)!,
      todayCountChanged: a.hints.todayCountChanged || b.hints.todayCountChanged || undefined,
      todayCount: b.hints.todayCount ?? a.hints.todayCount,
      updatedTaskIds: union(a.hints.updatedTaskIds, b.hints.updatedTaskIds),
      event: b.hints.event ?? a.hints.event,
    },
  };
}
