import { browserLifecycle, type LifecycleSource } from './lifecycle';

/**
 * One message bus between the tabs of this browser: BroadcastChannel, or storage events without it.
 * `close()` releases it; posting or subscribing afterwards opens it again.
 */
export interface TabChannel<T> {
  post(message: T): void;
  subscribe(listener: (message: T) => void): () => void;
  close(): void;
}

/**
 * Chrome evicts a page from the back/forward cache when a message reaches one of its open
 * BroadcastChannels (decision 005), so from `pagehide` until a persisted `pageshow` the channel is
 * shut: nothing is received, and what the page still posts on its way out is dropped.
 */
export function openTabChannel<T>(name: string, lifecycle: LifecycleSource = browserLifecycle): TabChannel<T> {
  // Server render: no tabs, and Node's BroadcastChannel would stay open (and leak) per request.
  if (typeof window === 'undefined') return { post() {}, subscribe: () => () => {}, close() {} };
  const listeners = new Set<(message: T) => void>();
  const deliver = (message: T) => listeners.forEach((fn) => fn(message));
  const transport = typeof BroadcastChannel !== 'undefined' ? broadcastTransport(name, deliver) : storageTransport(name, deliver);

  let inCache = false;
  let unlisten: (() => void) | null = null;
  // Opened lazily and again after close(): React's StrictMode (and a provider that stops and
  // starts) closes a channel in an effect cleanup and then uses it again.
  const open = (): boolean => {
    unlisten ??= lifecycle.listen((e) => {
      if (e.type === 'pagehide') {
        inCache = true;
        transport.close();
      } else if (e.type === 'pageshow' && e.persisted) {
        inCache = false;
        transport.open();
      }
    });
    if (!inCache) transport.open();
    return !inCache;
  };
  open();
  return {
    post(message) {
      if (open()) transport.post(message);
    },
    subscribe(listener) {
      open();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      transport.close();
      unlisten?.();
      unlisten = null;
      inCache = false;
    },
  };
}

interface Transport<T> {
  open(): void;
  post(message: T): void;
  close(): void;
}

function broadcastTransport<T>(name: string, deliver: (message: T) => void): Transport<T> {
  let channel: BroadcastChannel | null = null;
  return {
    open() {
      if (channel) return;
      channel = new BroadcastChannel(name);
      channel.onmessage = (e: MessageEvent<T>) => deliver(e.data);
    },
    post: (message) => channel?.postMessage(message),
    close() {
      channel?.close();
      channel = null;
    },
  };
}

/** A storage event fires in every other tab of the origin when a key changes. */
function storageTransport<T>(name: string, deliver: (message: T) => void): Transport<T> {
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
  return {
    open() {
      if (!listening) window.addEventListener('storage', onStorage);
      listening = true;
    },
    post(message) {
      try {
        localStorage.setItem(key, JSON.stringify({ m: message, n: Math.random() }));
        localStorage.removeItem(key);
      } catch {
        // Storage unavailable: tabs stay independent, each polling for itself.
      }
    },
    close() {
      window.removeEventListener('storage', onStorage);
      listening = false;
    },
  };
}
