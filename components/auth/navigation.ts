/**
 * A full page load, not a client-side transition: after sign-in or sign-out every in-memory
 * cache (queries, ETags, timers) must start empty, so nothing of one user survives into another's session.
 */
export function hardNavigate(path: string): void {
  window.location.assign(path);
}
