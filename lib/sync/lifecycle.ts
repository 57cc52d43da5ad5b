import type { Clock } from './clock';
import { IDLE_AFTER_MS } from './contracts';

export type LifecycleEvent =
  { type: 'hidden' | 'visible' | 'focus' | 'blur' | 'pagehide' | 'freeze' | 'resume' | 'activity' } | { type: 'pageshow'; persisted: boolean };

/** The page lifecycle as the sync runtime needs it; tests drive a fake one. */
export interface LifecycleSource {
  isHidden(): boolean;
  listen(handler: (event: LifecycleEvent) => void): () => void;
}

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
/** Passed on as they come, by name. */
const DOCUMENT_EVENTS = ['freeze', 'resume'] as const;
const WINDOW_EVENTS = ['focus', 'blur', 'pagehide'] as const;

type Listener = [target: EventTarget, type: string, listener: (e: Event) => void, options?: AddEventListenerOptions];

/**
 * Browser events only: visibilitychange, focus/blur, pagehide/pageshow and freeze/resume
 * (Page Lifecycle). Never `unload`/`beforeunload`: they cost the back/forward cache. (Only
 * leave-guard.ts listens to `beforeunload`, and only while a change is on its way.)
 */
export const browserLifecycle: LifecycleSource = {
  isHidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  listen(handler) {
    if (typeof window === 'undefined') return () => {};
    let lastActivity = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastActivity < 1000) return;
      lastActivity = now;
      handler({ type: 'activity' });
    };
    const listeners: Listener[] = [
      [document, 'visibilitychange', () => handler({ type: document.visibilityState === 'hidden' ? 'hidden' : 'visible' })],
      [window, 'pageshow', (e) => handler({ type: 'pageshow', persisted: (e as PageTransitionEvent).persisted })],
      ...DOCUMENT_EVENTS.map((type): Listener => [document, type, () => handler({ type })]),
      ...WINDOW_EVENTS.map((type): Listener => [window, type, () => handler({ type })]),
      ...ACTIVITY_EVENTS.map((type): Listener => [window, type, onActivity, { passive: true, capture: true }]),
    ];
    for (const [target, type, listener, options] of listeners) target.addEventListener(type, listener, options);
    return () => {
      for (const [target, type, listener, options] of listeners) target.removeEventListener(type, listener, options);
    };
  },
};

const ACTIVITY_KEY = 'pos:last-activity';

/** Pointer/keyboard activity; shared across tabs through localStorage so any tab counts. */
export class ActivityTracker {
  private last: number;
  private lastShared = 0;

  constructor(
    private readonly clock: Clock,
    private readonly storage: Storage | null,
    private readonly idleAfterMs = IDLE_AFTER_MS,
  ) {
    this.last = clock.now();
  }

  record(): void {
    const now = this.clock.now();
    this.last = now;
    if (this.storage && now - this.lastShared > 15_000) {
      this.lastShared = now;
      try {
        this.storage.setItem(ACTIVITY_KEY, String(now));
      } catch {
        // Storage full or blocked: activity stays local to this tab.
      }
    }
  }

  lastActivity(): number {
    const shared = Number(this.storage?.getItem(ACTIVITY_KEY) ?? 0);
    return Math.max(this.last, Number.isFinite(shared) ? shared : 0);
  }

  isIdle(scale = 1): boolean {
    return this.clock.now() - this.lastActivity() >= this.idleAfterMs * scale;
  }
}
