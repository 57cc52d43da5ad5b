/** One message bus between the tabs of this browser: BroadcastChannel, or storage events without it. */
export interface TabChannel<T> {
  post(message: T): void;
  subscribe(listener: (message: T) => void): () => void;
  close(): void;
}

export function openTabChannel<T>(name: string): TabChannel<T> {
  // Server render: no tabs, and Node's BroadcastChannel would stay open (and leak) per request.
  if (typeof window === 'undefined') return { post() {}, subscribe: () => () => {}, close() {} };
  const listeners = new Set<(message: T) => void>();
  const deliver = (message: T) => listeners.forEach((fn) => fn(message));

  if (typeof BroadcastChannel !== 'undefined') {
    const channel = new BroadcastChannel(name);
    channel.onmessage = (e: MessageEvent<T>) => deliver(e.data);
    return {
      post: (message) => channel.postMessage(message),
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close: () => channel.close(),
    };
  }

  // A storage event fires in every other tab of the origin when a key changes.
  const key = `pos:bc:${name}`;
  const onStorage = (e: StorageEvent) => {
    if (e.key !== key || !e.newValue) return;
    try {
      deliver((JSON.parse(e.newValue) as { m: T }).m);
    } catch {
      // Not ours.
    }
  };
  if (typeof window !== 'undefined') window.addEventListener('storage', onStorage);
  return {
    post(message) {
      try {
        localStorage.setItem(key, JSON.stringify({ m: message, n: Math.random() }));
        localStorage.removeItem(key);
      } catch {
        // Storage unavailable: tabs stay independent, each polling for itself.
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => window.removeEventListener('storage', onStorage),
  };
}
