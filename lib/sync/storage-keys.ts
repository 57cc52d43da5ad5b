/** Removes every key of `storage` that `drop` picks (sign-out, another user's sign-in). */
export function removeKeys(storage: Storage | null, drop: (key: string) => boolean): void {
  if (!storage) return;
  try {
    for (let i = storage.length - 1; i >= 0; i--) {
      const key = storage.key(i);
      if (key !== null && drop(key)) storage.removeItem(key);
    }
  } catch {
    // Blocked storage holds nothing of ours.
  }
}
