'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import type { PlanItem } from '@/lib/shared/schemas/plan';
import { useFormats } from '@/lib/sync/use-formats';
import { formatTimeRange } from '../planner/format';
import { PriorityBadge } from '../tasks/PriorityBadge';
import { WaitingToSend } from '../shell/WaitingToSend';
import { KIND_TAGS } from './kinds';
import { ProgressBar } from '../shell/ProgressBar';

/** Why a done item cannot be unticked here: its source says it is done. */
function doneBySource(item: PlanItem): string | null {
  if (!item.done || item.completedAt !== null) return null;
  if (item.kind === 'event' && item.time) return 'Over';
  if (item.kind === 'focus' && item.progress) return 'Goal reached';
  if (item.kind === 'checkin') return 'Taken today';
  return null;
}

function Detail({ item, id }: { item: PlanItem; id: string }) {
  const format = useFormats();
  if (item.time) {
    return (
      <span id={id} className="text-xs text-stone-500">
        {item.kind === 'task' ? `Due ${format.time(item.time.startsAt)}` : formatTimeRange(item.time, format)}
      </span>
    );
  }
  if (item.progress) {
    const { minutes, goal } = item.progress;
    return (
      <span id={id} className="flex items-center gap-2 text-xs text-stone-500" data-testid="focus-goal-progress">
        <ProgressBar label="Focus today" value={Math.min(minutes, goal)} max={goal} track="bg-stone-200" className="h-1 w-16" />
        {minutes} of {goal} min
      </span>
    );
  }
  return null;
}

/**
 * One item of the plan. Its box shows what its source says (a task done in Tasks is ticked here);
 * ticking it acts on that source. A check-in is taken on the Mood page, so its item links there.
 */
export function PlanItemRow({ item, notYet = null, onToggle }: { item: PlanItem; notYet?: string | null; onToggle: (completed: boolean) => void }) {
  const detailId = useId();
  // The box follows the click at once: the optimistic cache update lands a tick later (after the
  // in-flight refetch is cancelled), and a controlled checkbox would flick back until then.
  const [checked, setChecked] = useState(item.done);
  const [shown, setShown] = useState(item.done);
  if (item.done !== shown) {
    setShown(item.done);
    setChecked(item.done);
  }
  const tag = KIND_TAGS[item.kind];
  const Icon = tag.icon;
  const locked = doneBySource(item) ?? notYet;
  const checkin = item.kind === 'checkin';
  const hasDetail = item.time !== null || item.progress !== null;
  return (
    <li className="flex items-center gap-3 py-2.5" data-testid="plan-item" data-kind={item.kind} data-completed={checked || undefined}>
      <label className="flex min-w-0 flex-1 cursor-pointer items-center gap-3" title={locked ?? undefined}>
        <input
          type="checkbox"
          className="h-4 w-4 shrink-0 accent-brand-600 disabled:cursor-not-allowed"
          checked={checked}
          disabled={locked !== null || checkin}
          aria-describedby={hasDetail ? detailId : undefined}
          onChange={(e) => {
            setChecked(e.target.checked);
            onToggle(e.target.checked);
          }}
        />
        <span className="flex min-w-0 flex-col">
          <span className={`truncate text-sm ${checked ? 'text-stone-500 line-through' : 'text-stone-800'}`}>{item.title}</span>
          <Detail item={item} id={detailId} />
          <WaitingToSend url={`/api/plan/items/${encodeURIComponent(item.id)}`} />
        </span>
      </label>
      {item.priority ? (
        <span className="shrink-0 text-xs">
          <PriorityBadge priority={item.priority} />
        </span>
      ) : null}
      {checkin && !item.done ? (
        <Link href="/mood" className="shrink-0 text-xs font-medium text-brand-700 underline-offset-2 hover:underline">
          Check in
        </Link>
      ) : null}
      <span className={`inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${tag.className}`}>
        <Icon className="h-3 w-3" aria-hidden />
        {tag.label}
      </span>
    </li>
  );
}
