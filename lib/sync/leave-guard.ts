// While a change the user made is still on its way (to the server, or to this device's outbox),
// leaving the page asks first: the browser's own "Leave site? Changes you made may not be saved."
// A page left in that moment would otherwise take the change with it, neither sent nor kept.
//
// The listener is there only while something is on its way: a `beforeunload` listener kept on
// costs the back/forward cache in some browsers, and would ask for nothing (lifecycle.ts).

let onTheirWay = 0;

function ask(event: BeforeUnloadEvent): void {
  event.preventDefault();
  // Browsers before the standard (Chrome < 119) ask only when returnValue is set.
  event.returnValue = true;
}

/** Leaving the page asks first until the returned function is called (once is enough; more are no-ops). */
export function holdPage(): () => void {
  if (typeof window === 'undefined') return () => {};
  if (onTheirWay++ === 0) window.addEventListener('beforeunload', ask);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--onTheirWay === 0) window.removeEventListener('beforeunload', ask);
  };
}

/** Leaving the page asks first until `work` settles, however it settles; answers `work` itself. */
export function holdPageUntil<T>(work: Promise<T>): Promise<T> {
  const release = holdPage();
  work.then(release, release);
  return work;
}
