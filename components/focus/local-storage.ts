/** This browser's localStorage, or null where touching it throws (storage blocked by the user or a sandbox). */
export function localStorageOrNull(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}
