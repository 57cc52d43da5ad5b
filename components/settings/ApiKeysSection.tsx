'use client';

import { KeyRound } from 'lucide-react';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { ApiKeyView } from '@/lib/shared/schemas/native';
import { formatAgo, formatDate } from './format';
import { NewKeyDialog } from './NewKeyDialog';
import { useApiKeys } from './useNativeAccess';
import { CardStatus } from '../shell/CardStatus';

function KeyRow({ apiKey, now, onRevoke, revoking }: { apiKey: ApiKeyView; now: number; onRevoke: () => void; revoking: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const revoked = apiKey.revokedAt !== null;
  return (
    <li className="py-3" data-testid="api-key-row" data-key-id={apiKey.id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="min-w-0">
          <p className={`font-medium ${revoked ? 'text-stone-500 line-through' : ''}`}>{apiKey.label}</p>
          <p className="text-xs text-stone-500">
            <code>{apiKey.prefix}_…</code> · created {formatDate(apiKey.createdAt)} · last used {formatAgo(apiKey.lastUsedAt, now)}
            {revoked ? ` · revoked ${formatDate(apiKey.revokedAt!)}` : ''}
          </p>
        </div>
        {revoked ? (
          <span className="text-xs font-medium text-stone-500">Revoked</span>
        ) : confirming ? (
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label={`Confirm revoking ${apiKey.label}`}>
            <span className="text-sm">Apps using it stop syncing.</span>
            <button type="button" className="btn-danger" onClick={onRevoke} disabled={revoking}>
              Revoke key
            </button>
            <button type="button" className="btn-ghost" onClick={() => setConfirming(false)} autoFocus>
              Keep
            </button>
          </div>
        ) : (
          <button type="button" className="btn-ghost text-red-700" onClick={() => setConfirming(true)} aria-label={`Revoke ${apiKey.label}`}>
            Revoke
          </button>
        )}
      </div>
    </li>
  );
}

/** API keys for native apps and the CLI: create (shown once), list, revoke. */
export function ApiKeysSection() {
  const { query, create, revoke } = useApiKeys();
  const [label, setLabel] = useState('');
  // Relative to when the list was fetched: the times are kept to the minute and refetched at least as often.
  const now = query.dataUpdatedAt;

  function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    create.mutate(label.trim(), { onSuccess: () => setLabel('') });
  }

  return (
    <section className="card space-y-4" aria-labelledby="api-keys-title">
      <div className="flex items-start justify-between gap-3">
        <div>
          <h2 id="api-keys-title" className="flex items-center gap-2 text-lg font-semibold">
            <KeyRound className="h-5 w-5" aria-hidden /> API keys
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            For native apps and the command line. A key acts as you; revoke any you no longer use.{' '}
            <Link href="/settings/api-docs" className="text-brand-700 underline">
              API reference
            </Link>
          </p>
        </div>
      </div>

      <form onSubmit={onCreate} className="flex flex-wrap items-end gap-2">
        <div className="min-w-48 flex-1">
          <label htmlFor="api-key-label" className="label">
            New key for
          </label>
          <input
            id="api-key-label"
            className="input"
            placeholder="e.g. MacBook CLI"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            required
            maxLength={100}
          />
        </div>
        <button type="submit" className="btn-primary" disabled={create.isPending || label.trim() === ''}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </form>
      {create.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {create.error.message}
        </p>
      ) : null}

      <CardStatus query={query} what="your keys">
        {({ apiKeys }) =>
          apiKeys.length === 0 ? (
            <p className="text-sm text-stone-500">No keys yet.</p>
          ) : (
            <ul className="divide-y divide-stone-100" aria-label="API keys">
              {apiKeys.map((k) => (
                <KeyRow key={k.id} apiKey={k} now={now} onRevoke={() => revoke.mutate(k.id)} revoking={revoke.isPending && revoke.variables === k.id} />
              ))}
            </ul>
          )
        }
      </CardStatus>
      {revoke.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {revoke.error.message}
        </p>
      ) : null}

      <NewKeyDialog created={create.data} onClose={() => create.reset()} />
    </section>
  );
}
