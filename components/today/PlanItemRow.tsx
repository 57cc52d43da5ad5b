'use client';

import { useState } from 'react';
import type { PlanItem } from '@/lib/shared/schemas/plan';
import { KIND_TAGS } from './kinds';

export function PlanItemRow({ item, onToggle }: { item: PlanItem; onToggle: (completed: boolean) => void }) {
  const done = item.completedAt !== null;
  // The box follows the click at once: the optimistic cache update lands a tick later (after the
  // in-flight refetch is cancelled), and a controlled checkbox would flick back until then.
  const [checked, setChecked] = useState(done);
  const [shown, setShown] = useState(done);
  if (done !== shown) {
    setShown(done);
    setChecked(done);
  }
  const tag = KIND_TAGS[item.kind];
  const Icon = tag.icon;
  return (
    <li className="flex items-center gap-3 py-2.5" data-testid="plan-item" data-kind={item.kind} data-completed={checked || undefined}>
      <label className="flex min-w-0 flex-1 cursor-pointer items-center gap-3">
        <input
          type="checkbox"
          className="h-4 w-4 shrink-0 accent-brand-600"
          checked={checked}
          onChange={(e) => {
            setChecked(e.target.checked);
            onToggle(e.target.checked);
          }}
        />
        <span className={`truncate text-sm ${checked ? 'text-stone-400 line-through' : 'text-stone-800'}`}>{item.title}</span>
      </label>
      <span className={`inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${tag.className}`}>
        <Icon className="h-3 w-3" aria-hidden />
        {tag.label}
      </span>
    </li>
  );
}
