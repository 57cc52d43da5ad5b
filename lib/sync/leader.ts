/**
 * Leader election across the tabs of one browser with the Web Locks API: the tab holding the
 * lock leads; when it closes, crashes or resigns, the next waiting tab gets the lock at once.
 * Without Web Locks every tab leads (each polls for itself: correct, just costlier).
 */
export interface Election {
  /** Join the queue for the lock (no-op if already queued or leading). */
  stand(): void;
  /** Leave the queue or give up the lock. */
  resign(): void;
  isLeader(): boolean;
}

export function elect(name: string, onChange: (leader: boolean) => void): Election {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  let leader = false;
  let abort: AbortController | null = null;
  let release: (() => void) | null = null;

  const set = (next: boolean) => {
    if (next === leader) return;
    leader = next;
    onChange(next);
  };

  if (!locks) {
    return { stand: () => set(true), resign: () => set(false), isLeader: () => leader };
  }

  return {
    stand() {
      if (abort) return;
      const controller = new AbortController();
      abort = controller;
      locks
        .request(name, { signal: controller.signal }, () => {
          if (controller.signal.aborted) return undefined;
          set(true);
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        })
        .catch(() => {
          // Aborted while waiting: we resigned before getting the lock.
        })
        .finally(() => {
          if (abort === controller) abort = null;
        });
    },
    resign() {
      abort?.abort();
      abort = null;
      release?.();
      release = null;
      set(false);
    },
    isLeader: () => leader,
  };
}
