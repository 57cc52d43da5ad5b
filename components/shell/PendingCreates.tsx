'use client';

import { useOutboxRecords } from '@/lib/sync/use-outbox';

/** The name a create body gives its record (a book's or quest's title, a habit's name). */
function nameOf(body: unknown): string {
  const b = (body ?? {}) as { title?: unknown; name?: unknown };
  return typeof b.title === 'string' ? b.title : typeof b.name === 'string' ? b.name : 'New item';
}

/**
 * What was created on this device and waits in the outbox to be sent: each by its name, marked, until
 * the server has it and the list shows it (then the outbox forgets it and this line goes).
 */
export function PendingCreates({ url, what }: { url: string; what: string }) {
  const waiting = useOutboxRecords().filter((r) => r.method === 'POST' && r.url === url);
  if (waiting.length === 0) return null;
  return (
    <ul className="card space-y-1 border-dashed" aria-label={`New ${what} waiting to send`}>
      {waiting.map((r) => (
        <li key={r.key} className="flex items-center justify-between gap-3 text-sm" data-testid="pending-create">
          <span className="min-w-0 truncate font-medium">{nameOf(r.body)}</span>
          <span className="shrink-0 text-xs text-amber-800">Waiting to send</span>
        </li>
      ))}
    </ul>
  );
}
