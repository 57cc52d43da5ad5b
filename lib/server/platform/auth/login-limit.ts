import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import { config } from '@/lib/server/platform/config';

/** Failed sign-ins per account and per IP in a sliding window (per process; see decision 004). */
class FailureWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: () => number,
    private readonly windowMs: () => number,
  ) {}

  private live(key: string, now: number): number[] {
    const cutoff = now - this.windowMs();
    const list = (this.hits.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }

  /** Seconds until the next attempt is allowed, or 0. */
  retryAfter(key: string, now: number): number {
    const list = this.live(key, now);
    if (list.length < this.max()) return 0;
    return Math.max(1, Math.ceil((list[list.length - this.max()] + this.windowMs() - now) / 1000));
  }

  record(key: string, now: number): void {
    this.hits.set(key, [...this.live(key, now), now]);
  }

  clear(key: string): void {
    this.hits.delete(key);
  }
}

const windowMs = () => config().LOGIN_RATE_WINDOW_SECONDS * 1000;
function windows() {
  return processSingleton('login-limit', () => ({
    account: new FailureWindow(() => config().LOGIN_MAX_FAILURES_PER_ACCOUNT, windowMs),
    ip: new FailureWindow(() => config().LOGIN_MAX_FAILURES_PER_IP, windowMs),
  }));
}

export const loginLimit = {
  /** Seconds to wait before this email may try again from this IP, or 0 when allowed. */
  retryAfter(email: string, ip: string, now = Date.now()): number {
    const w = windows();
    return Math.max(w.account.retryAfter(email.toLowerCase(), now), w.ip.retryAfter(ip, now));
  },
  failed(email: string, ip: string, now = Date.now()): void {
    const w = windows();
    w.account.record(email.toLowerCase(), now);
    w.ip.record(ip, now);
  },
  succeeded(email: string): void {
    windows().account.clear(email.toLowerCase());
  },
};
