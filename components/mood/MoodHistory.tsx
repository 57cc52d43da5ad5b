'use client';

import { Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { localDayKey } from '@/lib/shared/local-time';
import type { Activity, MoodEntry, MoodEntryPatchInput } from '@/lib/shared/schemas/mood';
import { MOOD_ENTRIES_URL } from '@/lib/sync/resources/mood';
import { itemUrl } from '@/lib/sync/resources/resource';
import { IconButton } from '../shell/IconButton';
import { WaitingToSend } from '../shell/WaitingToSend';
import { useFormats } from '@/lib/sync/use-formats';
import { scoreTone } from './score-tone';
import { MoodEntryForm } from './MoodEntryForm';
import { isPending, rowKey } from './useMood';

/** One logged mood: its score, time, activities (those that still exist) and notes. */
function EntryView({ entry, labels, onEdit, onDelete }: { entry: MoodEntry; labels: Map<string, Activity>; onEdit: () => void; onDelete: () => void }) {
  const time = useFormats().time(entry.recordedAt);
  const tags = entry.activityIds.filter((a) => labels.has(a));
  return (
    <div className="flex items-start gap-3">
      <span
        className={`flex h-9 w-9 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${scoreTone(entry.score)}`}
        aria-label={`Mood ${entry.score} of 10`}
      >
        {entry.score}
      </span>
      <div className="min-w-0 flex-1 text-sm">
        <p className="text-stone-500">{time}</p>
        {tags.length > 0 ? (
          <p className="mt-1 flex flex-wrap gap-1">
            {tags.map((a) => (
              <span key={a} className="rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-700">
                {labels.get(a)!.label}
              </span>
            ))}
          </p>
        ) : null}
        {entry.notes ? <p className="mt-1 text-stone-800">{entry.notes}</p> : null}
      </div>
      <div className="flex shrink-0 gap-1">
        <IconButton icon={Pencil} label={`Edit the mood from ${time}`} disabled={isPending(entry.id)} onClick={onEdit} />
        <IconButton icon={Trash2} label={`Delete the mood from ${time}`} danger disabled={isPending(entry.id)} onClick={onDelete} />
      </div>
    </div>
  );
}

/** Mood entries grouped by local day, newest first, each editable in place. */
export function MoodHistory({
  entries,
  activities,
  onUpdate,
  onDelete,
}: {
  entries: MoodEntry[];
  activities: Activity[];
  onUpdate: (id: string, patch: MoodEntryPatchInput) => void;
  onDelete: (id: string) => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const format = useFormats();
  const labels = new Map(activities.map((a) => [a.id, a]));

  if (entries.length === 0) {
    return (
      <p className="text-sm text-stone-500" data-testid="mood-history-empty">
        No moods logged in the last 30 days. Log how you feel above.
      </p>
    );
  }
  const days: { key: string; at: number; entries: MoodEntry[] }[] = [];
  for (const entry of entries) {
    const key = localDayKey(entry.recordedAt, format.timeZone);
    if (days.at(-1)?.key !== key) days.push({ key, at: entry.recordedAt, entries: [] });
    days.at(-1)!.entries.push(entry);
  }
  return (
    <div className="space-y-5">
      {days.map((d) => {
        const average = d.entries.reduce((sum, e) => sum + e.score, 0) / d.entries.length;
        return (
          <section key={d.key} aria-labelledby={`mood-day-${d.key}`} data-testid={`mood-day-${d.key}`}>
            <h3 id={`mood-day-${d.key}`} className="mb-2 flex items-baseline justify-between text-sm font-semibold text-stone-700">
              {format.longDay(d.at)}
              <span className="font-normal text-stone-500">average {format.decimal(average)}</span>
            </h3>
            <ul className="divide-y divide-stone-100">
              {d.entries.map((entry) => (
                <li key={rowKey(entry.id)} className="py-2" data-testid="mood-entry">
                  {editing === entry.id ? (
                    <MoodEntryForm
                      activities={activities}
                      entry={entry}
                      onCancel={() => setEditing(null)}
                      onSave={(input) => {
                        onUpdate(entry.id, input);
                        setEditing(null);
                      }}
                    />
                  ) : (
                    <EntryView entry={entry} labels={labels} onEdit={() => setEditing(entry.id)} onDelete={() => onDelete(entry.id)} />
                  )}
                  <WaitingToSend url={itemUrl(MOOD_ENTRIES_URL, entry.id)} id={entry.id} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
