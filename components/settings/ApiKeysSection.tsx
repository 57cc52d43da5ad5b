'use client';

import { KeyRound } from 'lucide-react';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { ApiKeyView } from '@/lib/shared/schemas/native';
import { useFormats } from '@/lib/sync/use-formats';
import { NewKeyDialog } from './NewKeyDialog';
import { useApiKeys } from './useNativeAccess';
import { Notice } from '../forms/LabelledControl';
import { ConfirmDelete } from '../shell/CardActions';
import { CardStatus } from '../shell/CardStatus';
import { ItemList } from '../shell/ItemList';
import { TitledCard } from '../shell/TitledCard';

function KeyRow({ apiKey, now, onRevoke, revoking }: { apiKey: ApiKeyView; now: number; onRevoke: () => void; revoking: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const format = useFormats();
  const revoked = apiKey.revokedAt !== null;
  return (
    <li className="py-3" data-testid="api-key-row" data-key-id={apiKey.id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="min-w-0">
          <p className={`font-medium ${revoked ? 'text-stone-500 line-through' : ''}`}>{apiKey.label}</p>
          <p className="text-xs text-stone-500">
            <code>{apiKey.prefix}_…</code> · created {format.day(apiKey.createdAt)} · last used{' '}
            {apiKey.lastUsedAt === null ? 'never' : format.ago(apiKey.lastUsedAt, now)}
            {revoked ? ` · revoked ${format.day(apiKey.revokedAt!)}` : ''}
          </p>
        </div>
        {revoked ? (
          <span className="text-xs font-medium text-stone-500">Revoked</span>
        ) : confirming ? (
          <ConfirmDelete
            className=""
            groupLabel={`Confirm revoking ${apiKey.label}`}
            question="Apps using it stop syncing."
            label="Revoke key"
            onDelete={onRevoke}
            onKeep={() => setConfirming(false)}
            disabled={revoking}
          />
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
    <TitledCard
      id="api-keys-title"
      icon={KeyRound}
      title="API keys"
      className="card space-y-4"
      description={
        <>
          For native apps and the command line. A key acts as you; revoke any you no longer use.{' '}
          <Link href="/settings/api-docs" className="text-brand-700 underline">
            API reference
          </Link>
        </>
      }
    >
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
      <Notice role="alert" className="text-sm text-red-600">
        {create.error?.message}
      </Notice>

      <CardStatus query={query} what="your keys">
        {({ apiKeys }) => (
          <ItemList items={apiKeys} label="API keys" empty="No keys yet.">
            {(k) => <KeyRow key={k.id} apiKey={k} now={now} onRevoke={() => revoke.mutate(k.id)} revoking={revoke.isPending && revoke.variables === k.id} />}
          </ItemList>
        )}
      </CardStatus>
      <Notice role="alert" className="text-sm text-red-600">
        {revoke.error?.message}
      </Notice>

      <NewKeyDialog created={create.data} onClose={() => create.reset()} />
    </TitledCard>
  );
}
