'use client';

import { isPending } from '@/lib/sync/optimistic-list';
import { useOutboxRecords } from '@/lib/sync/use-outbox';

const waitsFor = (records: readonly { url: string }[], url: string) =>
  records.some((r) => r.url === url || r.url.startsWith(`${url}/`) || r.url.startsWith(`${url}?`));

/** Whether a write to `url` (a record's URL, or one of its actions below it) waits in the outbox. */
export function useWaitingToSend(url: string): boolean {
  return waitsFor(useOutboxRecords(), url);
}

/** For a list: whether the record at `url` (made here as `id`, maybe) waits to be sent. */
export function useWaitingRecords(): (url: string, id?: string) => boolean {
  const records = useOutboxRecords();
  return (url, id) => (id !== undefined && isPending(id)) || waitsFor(records, url);
}

/**
 * "Waiting to send" beside a record changed on this device and not yet sent (the outbox), or shown
 * before the server has it (`id` made on this device: optimistic-list.ts's pending ids).
 */
export function WaitingToSend({ url, id }: { url: string; id?: string }) {
  const waiting = useWaitingToSend(url);
  if (!waiting && !(id !== undefined && isPending(id))) return null;
  return (
    <span className="text-xs text-amber-800" data-testid="waiting-to-send">
      Waiting to send
    </span>
  );
}
