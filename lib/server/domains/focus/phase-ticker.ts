import 'server-only';
import { completesItselfAt, computeTimer, type FocusSessionView } from '@/lib/shared/focus';
import type { SseEvent, TimerEventPayload } from '@/lib/shared/realtime';
import { nextPhaseChangeAt, sessionView, timerEventPayload } from './timer-payload';

const MAX_TIMER_MS = 2 ** 31 - 1;

interface Watched {
  session: FocusSessionView | null;
  deviceName: string | null;
  /** The phase the user's devices last heard of. */
  phaseIndex: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** Bumped by every timer event, so a slower first read never overwrites a fresher event. */
  version: number;
}

export interface PhaseTickerOptions {
  /**
   * The user's active session as a timer payload (one read when their first stream opens here, and
   * at each boundary); the read completes a session past its grace first (decision 030).
   */
  load(userId: string): Promise<TimerEventPayload | null>;
  /** Sends to the user's streams on this node. */
  send(userId: string, event: Omit<SseEvent, 'id'>): void;
  onError?(err: unknown, userId: string): void;
}

/**
 * Seed 003's `timer:updated` on a pomodoro phase change. A phase ends because time passes, not
 * because of a write, so nothing crosses the bus: every node keeps, for each user with a stream on
 * it, the running session (from the timer events it sees and one read when the user's first stream
 * opens) and a timeout at the next phase boundary, and tells that user's local streams. A running
 * session's grace deadline is a boundary too: the read at it completes the forgotten session.
 */
export class PhaseTicker {
  private readonly users = new Map<string, Watched>();

  constructor(private readonly o: PhaseTickerOptions) {}

  /** The user has a stream on this node now; idempotent. */
  watch(userId: string): void {
    if (this.users.has(userId)) return;
    const w: Watched = { session: null, deviceName: null, phaseIndex: -1, timer: null, version: 0 };
    this.users.set(userId, w);
    this.o.load(userId).then(
      (timer) => {
        if (this.users.get(userId) === w && w.version === 0) this.track(userId, w, timer);
      },
      (err) => this.o.onError?.(err, userId),
    );
  }

  /** The user's last stream on this node closed. */
  unwatch(userId: string): void {
    const w = this.users.get(userId);
    if (!w) return;
    if (w.timer) clearTimeout(w.timer);
    this.users.delete(userId);
  }

  /** A `timer` event from the bus (any node): `started|moved|updated` carry the session, `stopped` ends it. */
  onTimerEvent(userId: string, type: string, payload: unknown): void {
    const w = this.users.get(userId);
    if (!w) return;
    w.version += 1;
    this.track(userId, w, type === 'stopped' ? null : (payload as TimerEventPayload));
  }

  /** Users with a phase change scheduled (tests, metrics). */
  scheduled(): number {
    return [...this.users.values()].filter((w) => w.timer !== null).length;
  }

  dispose(): void {
    for (const w of this.users.values()) if (w.timer) clearTimeout(w.timer);
    this.users.clear();
  }

  private track(userId: string, w: Watched, timer: TimerEventPayload | null): void {
    if (w.timer) clearTimeout(w.timer);
    w.timer = null;
    w.session = timer ? sessionView(timer) : null;
    w.deviceName = timer?.deviceName ?? null;
    if (!w.session) return;
    w.phaseIndex = computeTimer(w.session, Date.now()).phaseIndex;
    this.schedule(userId, w);
  }

  private schedule(userId: string, w: Watched): void {
    const now = Date.now();
    const phase = w.session ? nextPhaseChangeAt(w.session, now) : null;
    // A deadline already past was read as not overdue (the session changed meanwhile): wait for its next event.
    const completes = w.session ? completesItselfAt(w.session) : null;
    const at = Math.min(phase ?? Infinity, completes !== null && completes > now ? completes : Infinity);
    // Not finite: a payload of an unexpected shape (another version's node); never spin on it.
    if (!Number.isFinite(at)) return;
    w.timer = setTimeout(() => this.fire(userId, w), Math.min(Math.max(0, at - now), MAX_TIMER_MS));
    w.timer.unref?.();
  }

  private fire(userId: string, w: Watched): void {
    w.timer = null;
    if (!w.session || this.users.get(userId) !== w) return;
    const version = w.version;
    const before = w.session.id;
    // The session as stored now, not as last heard: a write that sent no timer event (a native
    // upload that ended it, a message lost with Redis) must not bring a stopped timer back.
    this.o.load(userId).then(
      (timer) => {
        if (this.users.get(userId) !== w || w.version !== version) return;
        w.session = timer ? sessionView(timer) : null;
        if (timer) w.deviceName = timer.deviceName;
        if (!w.session) return;
        const now = Date.now();
        // A timer may fire a little early (or far late, after a suspend): announce only a real change, once.
        const { phaseIndex } = computeTimer(w.session, now);
        if (phaseIndex !== w.phaseIndex || w.session.id !== before) {
          w.phaseIndex = phaseIndex;
          const payload = timerEventPayload(w.session, now, w.deviceName);
          // Nothing was written, so no query is stale: changedScopes stays empty.
          this.o.send(userId, { channel: 'timer', type: 'updated', payload, sourceDeviceId: null, timestamp: new Date(now).toISOString(), changedScopes: [] });
        }
        this.schedule(userId, w);
      },
      (err) => {
        this.o.onError?.(err, userId);
        if (this.users.get(userId) === w && w.version === version) this.schedule(userId, w);
      },
    );
  }
}
