const KEY = 'pos:device-id';

/** This browser's device id, made once and kept in localStorage (every tab shares it). */
export function getDeviceId(storage: Storage | null = typeof localStorage === 'undefined' ? null : localStorage): string {
  const known = storage?.getItem(KEY);
  if (known && /^[A-Za-z0-9_-]{1,100}$/.test(known)) return known;
  const id = `web-${crypto.randomUUID()}`;
  try {
    storage?.setItem(KEY, id);
  } catch {
    // Private mode without storage: the id lives as long as the page.
  }
  return id;
}

/** A human name for this browser, e.g. "Chrome on macOS". */
export function deviceLabel(userAgent: string = typeof navigator === 'undefined' ? '' : navigator.userAgent): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\/|Chromium\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Browser';
  const os = /iPhone|iPad/.test(userAgent)
    ? 'iOS'
    : /Android/.test(userAgent)
      ? 'Android'
      : /Mac OS X/.test(userAgent)
        ? 'macOS'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : 'unknown OS';
  return `${browser} on ${os}`;
}
