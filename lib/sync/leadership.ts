import type { Election } from './leader';
import type { LifecycleEvent, LifecycleSource } from './lifecycle';

export interface LeadershipOptions {
  /** Joins the election, e.g. `(on) => elect(\`pos-sse:${userId}\`, on)`. */
  elect: (onChange: (leader: boolean) => void) => Election;
  lifecycle: LifecycleSource;
  onChange: (leader: boolean) => void;
  /** Whether this page may lead now, besides being alive (visible, enabled…); re-asked on every lifecycle event and `update()`. */
  mayLead?: () => boolean;
  /** The page came back from the back/forward cache or a freeze (after standing again). */
  onReturn?: () => void;
}

export interface Leadership {
  isLeader(): boolean;
  /** False from pagehide/freeze until a persisted pageshow/resume. */
  isPageAlive(): boolean;
  /** Stand or resign as `mayLead()` now says. */
  update(): void;
  dispose(): void;
}

/**
 * Candidacy in a per-browser election across the page lifecycle: the page resigns on pagehide and
 * freeze — a held Web Lock keeps it out of the back/forward cache, and a frozen leader serves
 * nobody, so another tab takes over — and stands again on a persisted pageshow or resume.
 */
export function leadAcrossLifecycle(o: LeadershipOptions): Leadership {
  let alive = true;
  let disposed = false;
  const election = o.elect((leader) => {
    if (!disposed) o.onChange(leader);
  });
  const update = () => {
    if (!disposed && alive && (o.mayLead?.() ?? true)) election.stand();
    else election.resign();
  };
  const unlisten = o.lifecycle.listen((e: LifecycleEvent) => {
    if (e.type === 'pagehide' || e.type === 'freeze') alive = false;
    const back = (e.type === 'pageshow' && e.persisted) || e.type === 'resume';
    if (back) alive = true;
    update();
    if (back) o.onReturn?.();
  });
  update();
  return {
    isLeader: () => election.isLeader(),
    isPageAlive: () => alive,
    update,
    dispose() {
      disposed = true;
      unlisten();
      election.resign();
    },
  };
}
