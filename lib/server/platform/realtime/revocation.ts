import 'server-only';

/** What a realtime stream was opened with; ending one closes every stream that depends on it. */
export type StreamCredential = { kind: 'session'; id: string } | { kind: 'apiKey'; id: string } | { kind: 'device'; id: string } | { kind: 'user' };

// The bus carries an ended credential in the `sessionEnded` hint. A bare value is a browser session
// id (auth/options.ts publishes it on sign-out; those are UUIDs, never containing ':'); anything
// else is `<kind>:<id>`.
const PREFIX = { apiKey: 'apikey:', device: 'device:' } as const;
const USER = 'user:*';

/** The `sessionEnded` hint that closes every stream opened with `credential`, on every node. */
export function endedHint(credential: StreamCredential): string {
  switch (credential.kind) {
    case 'session':
      return credential.id;
    case 'user':
      return USER;
    default:
      return `${PREFIX[credential.kind]}${credential.id}`;
  }
}

export function parseEndedHint(hint: string): StreamCredential {
  if (hint === USER) return { kind: 'user' };
  if (hint.startsWith(PREFIX.apiKey)) return { kind: 'apiKey', id: hint.slice(PREFIX.apiKey.length) };
  if (hint.startsWith(PREFIX.device)) return { kind: 'device', id: hint.slice(PREFIX.device.length) };
  return { kind: 'session', id: hint };
}
