/**
 * One message bus between the tabs of this browser: BroadcastChannel, or storage events without it.
 * `close()` releases it; posting or subscribing afterwards opens it again.
 */
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
    // Opened lazily and again after close(): React's StrictMode (and a provider that stops and
    // starts) closes a channel in an effect cleanup and then uses it again.
    let channel: BroadcastChannel | null = null;
    const open = () => {
      if (!channel) {
        channel = new BroadcastChannel(name);
        channel.onmessage = (e: MessageEvent<T>) => deliver(e.data);
      }
      return channel;
    };
    open();
    return {
      post: (message) => open().postMessage(message),
      subscribe(listener) {
        open();
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close() {
        channel?.close();
        channel = null;
      },
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
  let listening = false;
  const listen = () => {
    if (!listening) window.addEventListener('storage', onStorage);
    listening = true;
  };
  listen();
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
      listen();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      window.removeEventListener('storage', onStorage);
      listening = false;
    },
  };
}
