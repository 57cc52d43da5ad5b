'use client';

import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import type { ApiKeyCreated } from '@/lib/shared/schemas/native';

/** The new key with its Copy button: loaded when a key is created, not with the page (decision 065). */
export function NewKey({ created, onDone }: { created: ApiKeyCreated; onDone: () => void }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('yes');
    } catch {
      // Clipboard access needs a secure context and permission; the key stays selectable.
      setCopied('failed');
    }
  }

  return (
    <div className="space-y-4 p-5">
      <h2 id="new-key-title" className="text-lg font-semibold">
        API key “{created.apiKey.label}”
      </h2>
      <p className="text-sm text-stone-700">
        Copy it now: <strong>it will not be shown again</strong>. Paste it into your app or run{' '}
        <code className="rounded bg-stone-100 px-1">npm run sync-client -- configure --api-key …</code>.
      </p>
      <div className="flex items-stretch gap-2">
        <input
          readOnly
          value={created.key}
          aria-label="The new API key"
          data-testid="new-api-key"
          className="input font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="btn-secondary shrink-0" onClick={copy}>
          {copied === 'yes' ? <Check className="h-4 w-4" aria-hidden /> : <Copy className="h-4 w-4" aria-hidden />}
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      {copied === 'failed' ? (
        <p role="alert" className="text-sm text-red-700">
          Could not copy; select the key and copy it yourself.
        </p>
      ) : null}
      <div className="flex justify-end">
        <button type="button" className="btn-primary" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </div>
  );
}
