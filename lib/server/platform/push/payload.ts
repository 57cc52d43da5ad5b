import 'server-only';
import type { ChangeHints, Scope } from '@/lib/shared/events';

/** APNs refuses larger payloads (413) for every push type but VoIP. */
export const MAX_PAYLOAD_BYTES = 4096;

/** Seed 000, locked: a silent push carries the minimal hints only; clients then call /tasks/sync. */
export interface SilentPayload {
  aps: { 'content-available': 1; badge?: number };
  scope: Scope;
  hints: { todayCountChanged: boolean; changedScopes: Scope[] };
}

export function silentPayload(scope: Scope, hints: ChangeHints): SilentPayload {
  return {
    aps: hints.todayCount === undefined ? { 'content-available': 1 } : { 'content-available': 1, badge: hints.todayCount },
    scope,
    hints: { todayCountChanged: hints.todayCountChanged === true, changedScopes: hints.changedScopes },
  };
}

/** The JSON to send, or null when it is over APNs' limit (sending it would only earn a 413). */
export function encodePayload(payload: SilentPayload): string | null {
  const json = JSON.stringify(payload);
  return Buffer.byteLength(json, 'utf8') > MAX_PAYLOAD_BYTES ? null : json;
}
