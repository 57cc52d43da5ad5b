'use client';

import { LaptopMinimal } from 'lucide-react';
import { useState } from 'react';
import type { SessionView } from '@/lib/shared/schemas/sessions';
import { Notice } from '../forms/LabelledControl';
import { CardStatus } from '../shell/CardStatus';
import { TitledCard } from '../shell/TitledCard';
import { useFormats } from '@/lib/sync/use-formats';
import { useSessions } from './useAccount';

function SessionRow({ session, now, onEnd, busy }: { session: SessionView; now: number; onEnd: () => void; busy: boolean }) {
  const format = useFormats();
  const name = `${session.browser} on ${session.os}`;
  return (
    <li
      className="flex flex-wrap items-center justify-between gap-2 py-3"
      data-testid="session-row"
      data-session-id={session.id}
      data-current={session.current}
    >
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          {name}
          {session.current ? <span className="rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800">This browser</span> : null}
        </p>
        <p className="text-xs text-stone-600">
          signed in {format.day(session.createdAt)} · last active {session.current ? 'now' : format.ago(session.lastSeenAt, now)}
        </p>
      </div>
      {session.current ? null : (
        <button
          type="button"
          className="btn-ghost text-red-700"
          onClick={onEnd}
          disabled={busy}
          aria-label={`Sign out ${name}, signed in ${format.day(session.createdAt)}`}
        >
          Sign out
        </button>
      )}
    </li>
  );
}

/** Where the account is signed in, and signing out any other place (issue 17, item 4). */
export function SessionsSection() {
  const { query, endOne, endOthers } = useSessions();
  const [message, setMessage] = useState<string | null>(null);
  const now = query.dataUpdatedAt;
  const others = query.data?.sessions.filter((s) => !s.current).length ?? 0;
  const failed = endOne.error ?? endOthers.error;

  return (
    <TitledCard
      id="sessions-title"
      icon={LaptopMinimal}
      title="Where you're signed in"
      description="Browsers signed in to your account. Signing one out takes effect at once; apps with API keys are under Devices and API keys."
    >
      <CardStatus query={query} what="your sessions">
        {({ sessions }) => (
          <ul className="divide-y divide-stone-100" aria-label="Signed-in browsers">
            {sessions.map((s) => (
              <SessionRow
                key={s.id}
                session={s}
                now={now}
                busy={endOne.isPending && endOne.variables === s.id}
                onEnd={() => {
                  setMessage(null);
                  endOne.mutate(s.id, { onSuccess: () => setMessage(`${s.browser} on ${s.os} was signed out.`) });
                }}
              />
            ))}
          </ul>
        )}
      </CardStatus>
      {others > 0 ? (
        <button
          type="button"
          className="btn-secondary"
          disabled={endOthers.isPending}
          onClick={() => {
            setMessage(null);
            endOthers.mutate(undefined, {
              onSuccess: ({ ended }) => setMessage(`Signed out of ${ended.length} other ${ended.length === 1 ? 'browser' : 'browsers'}.`),
            });
          }}
        >
          {endOthers.isPending ? 'Signing out…' : 'Sign out everywhere else'}
        </button>
      ) : null}
      <Notice role="status">{message}</Notice>
      <Notice role="alert">{failed?.message}</Notice>
    </TitledCard>
  );
}
