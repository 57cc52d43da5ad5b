import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

// Node's BroadcastChannel reaches every thread of the process, and client files run in VM contexts
// of worker threads side by side (decision 063): a file's "other tab" would hear the tabs of a file
// running at the same time in another worker (a sign-out in SignOutButton.test reached
// SessionState.test). Each file's channels are its own; within a file, same-named channels still meet.
const SharedBroadcastChannel = globalThis.BroadcastChannel;
const fileScope = crypto.randomUUID();
globalThis.BroadcastChannel = class FileBroadcastChannel extends SharedBroadcastChannel {
  readonly #name: string;
  constructor(name: string) {
    super(`${fileScope}:${name}`);
    this.#name = String(name);
  }
  override get name(): string {
    return this.#name;
  }
};

afterEach(() => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
});
