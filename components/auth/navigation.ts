/**
 * A full page load, not a client-side transition: after sign-in or sign-out every in-memory
 * cache (queries, ETags, timers) must start empty, so nothing of one user survives into another's session.
 */
export function hardNavigate(path: string): void {
  window.location.assign(path);
}

let leaving = false;

/**
 * This tab is about to end its own session (deleting the account): the stream closing under it is
 * expected, and SessionWatch must not race it to the sign-in page with the wrong message.
 */
export function expectSessionEnd(expected: boolean): void {
  leaving = expected;
}

export function sessionEndExpected(): boolean {
  return leaving;
}
