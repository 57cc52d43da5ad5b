'use client';

import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { setCurrentOutbox } from './api';
import { deliveryRounds } from './delivery-rounds';
import type { OutboxRecord } from './offline-db';
import { Outbox } from './outbox';
import { describeFields } from './outbox-changes';
import { showToast } from './toast';

const OutboxContext = createContext<Outbox | null>(null);

/**
 * The signed-in user's outbox in this tab: every write goes through it (api.ts), and what waits is
 * delivered when the tab starts, when the browser comes back online and after a failed round, by
 * one tab at a time. Whatever was delivered or refused, the pages then refetch: the server wins.
 */
export function OutboxProvider({ userId, children }: { userId: string; children: ReactNode }) {
  // Mounted once per user (AppShell keys the sync runtime by user id). Its channel lives as long as
  // the page: an effect cleanup that closed it would leave React's second strict-mode run without one.
  const [outbox] = useState(() => new Outbox(userId));
  const client = useQueryClient();

  useEffect(() => {
    setCurrentOutbox(outbox);
    const rounds = deliveryRounds({
      round: async () => {
        const report = await outbox.deliver();
        for (const { error } of report.refused) showToast(`A change made offline was not accepted: ${error.message}. The server’s version is shown.`);
        for (const { fields } of report.changed)
          showToast(`A change made offline was saved with the server’s ${describeFields(fields)}, as now shown.`, 'info');
        if (report.delivered > 0 || report.refused.length > 0) await client.invalidateQueries();
        return outbox.pending;
      },
      online: () => navigator.onLine !== false,
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    });
    window.addEventListener('online', rounds.trigger);
    // A write kept while the browser claims to be online (the network failed on the way): try soon.
    const unsubscribe = outbox.subscribe((count) => {
      if (count > 0) rounds.soon();
    });
    rounds.trigger();
    return () => {
      rounds.stop();
      window.removeEventListener('online', rounds.trigger);
      unsubscribe();
      setCurrentOutbox(null);
    };
  }, [outbox, client]);

  return <OutboxContext.Provider value={outbox}>{children}</OutboxContext.Provider>;
}

export function useOutbox(): Outbox | null {
  return useContext(OutboxContext);
}

/** How many writes wait to be sent (0 outside an OutboxProvider). */
export function useOutboxCount(): number {
  const outbox = useOutbox();
  return useSyncExternalStore(
    (onChange) => outbox?.subscribe(onChange) ?? (() => {}),
    () => outbox?.pending ?? 0,
    () => 0,
  );
}

/** The writes that wait, for a page to mark what they change ("Waiting to send"). */
export function useOutboxRecords(): OutboxRecord[] {
  const outbox = useOutbox();
  const count = useOutboxCount();
  const [records, setRecords] = useState<OutboxRecord[]>([]);
  useEffect(() => {
    let live = true;
    if (outbox && count > 0) void outbox.list().then((list) => live && setRecords(list));
    return () => {
      live = false;
    };
  }, [outbox, count]);
  return count === 0 ? [] : records;
}
