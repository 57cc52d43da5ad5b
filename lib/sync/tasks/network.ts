/** Whether the browser believes it is online, and when that changes; tests drive a fake one. */
export interface NetworkSource {
  isOnline(): boolean;
  listen(handler: (online: boolean) => void): () => void;
}

export const browserNetwork: NetworkSource = {
  isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  listen(handler) {
    if (typeof window === 'undefined') return () => {};
    const online = () => handler(true);
    const offline = () => handler(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  },
};
