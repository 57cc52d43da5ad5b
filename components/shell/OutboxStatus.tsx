'use client';

import { CloudUpload } from 'lucide-react';
import { useOutboxCount } from '@/lib/sync/use-outbox';

/** "2 changes waiting to send": writes kept on this device until the server has them. */
export function OutboxStatus() {
  const count = useOutboxCount();
  if (count === 0) return null;
  const text = `${count} ${count === 1 ? 'change' : 'changes'} waiting to send`;
  return (
    <span
      role="status"
      className="flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900"
      title={text}
      data-testid="outbox-status"
    >
      <CloudUpload className="h-3.5 w-3.5" aria-hidden />
      <span className="sr-only sm:not-sr-only">{text}</span>
      <span className="sm:hidden" aria-hidden>
        {count}
      </span>
    </span>
  );
}
