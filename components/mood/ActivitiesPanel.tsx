'use client';

import { Check, Pencil, Plus, Trash2, X } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import type { Activity, ActivityCreateInput, ActivityPatchInput } from '@/lib/shared/schemas/mood';
import { ACTIVITY_COLORS } from '../forms/colors';
import { LabelledControl } from '../forms/LabelledControl';
import { IconButton } from '../shell/IconButton';
import { MOOD_ACTIVITIES_URL } from '@/lib/sync/resources/mood';
import { itemUrl } from '@/lib/sync/resources/resource';
import { ItemList } from '../shell/ItemList';
import { WaitingToSend } from '../shell/WaitingToSend';
import { ChoiceChip } from './ChoiceChip';
import { isPending, rowKey } from './useMood';

function RenameForm({ activity, onSave, onCancel }: { activity: Activity; onSave: (label: string) => void; onCancel: () => void }) {
  const id = useId();
  const [label, setLabel] = useState(activity.label);
  const [error, setError] = useState<string | null>(null);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!label.trim()) return setError('Give the activity a name');
    onSave(label.trim());
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-1 items-start gap-1" noValidate>
      <LabelledControl id={`${id}-label`} label={`New name for ${activity.label}`} labelClassName="sr-only" error={error} announce className="flex-1">
        {(control) => (
          <input
            {...control}
            className="input py-1"
            value={label}
            maxLength={50}
            autoFocus
            onChange={(e) => setLabel(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && onCancel()}
          />
        )}
      </LabelledControl>
      <IconButton type="submit" icon={Check} label="Save name" />
      <IconButton icon={X} label="Cancel renaming" onClick={onCancel} />
    </form>
  );
}

/** The user's activities: add (with a colour), rename, delete. */
export function ActivitiesPanel({
  activities,
  onCreate,
  onUpdate,
  onDelete,
}: {
  activities: Activity[];
  onCreate: (input: ActivityCreateInput) => void;
  onUpdate: (id: string, patch: ActivityPatchInput) => void;
  onDelete: (id: string) => void;
}) {
  const id = useId();
  const [label, setLabel] = useState('');
  const [color, setColor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!label.trim()) return setError('Give the activity a name');
    setError(null);
    onCreate({ label: label.trim(), color });
    setLabel('');
    setColor(null);
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Add an activity">
        <LabelledControl id={`${id}-label`} label="New activity" error={error} announce>
          {(control) => (
            <div className="flex gap-2">
              <input
                {...control}
                className="input"
                value={label}
                maxLength={50}
                placeholder="e.g. Walk, Reading, Friends"
                onChange={(e) => setLabel(e.target.value)}
              />
              <button type="submit" className="btn-secondary shrink-0">
                <Plus className="h-4 w-4" aria-hidden /> Add activity
              </button>
            </div>
          )}
        </LabelledControl>
        <fieldset>
          <legend className="label">Colour</legend>
          <div className="flex flex-wrap gap-1.5">
            {ACTIVITY_COLORS.map((c) => (
              <ChoiceChip key={c.name} type="radio" name={`${id}-color`} label={c.name} checked={color === c.value} onChange={() => setColor(c.value)}>
                {c.value ? <span className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: c.value }} aria-hidden /> : null}
                {c.name}
              </ChoiceChip>
            ))}
          </div>
        </fieldset>
      </form>
      <ItemList
        items={activities}
        label="Your activities"
        emptyTestId="activities-empty"
        empty="No activities yet. Add things you do, like Walk or Reading, to tag your moods."
      >
        {(a) => (
          <li key={rowKey(a.id)} className="flex items-center gap-2 py-1.5 text-sm" data-testid="activity">
            <span className="h-3 w-3 shrink-0 rounded-full border border-stone-300" style={{ backgroundColor: a.color ?? 'transparent' }} aria-hidden />
            {renaming === a.id ? (
              <RenameForm
                activity={a}
                onCancel={() => setRenaming(null)}
                onSave={(newLabel) => {
                  onUpdate(a.id, { label: newLabel });
                  setRenaming(null);
                }}
              />
            ) : (
              <>
                <span className="flex-1 truncate">{a.label}</span>
                <WaitingToSend url={itemUrl(MOOD_ACTIVITIES_URL, a.id)} id={a.id} />
                <IconButton icon={Pencil} label={`Rename ${a.label}`} disabled={isPending(a.id)} onClick={() => setRenaming(a.id)} />
                <IconButton icon={Trash2} label={`Delete ${a.label}`} danger disabled={isPending(a.id)} onClick={() => onDelete(a.id)} />
              </>
            )}
          </li>
        )}
      </ItemList>
    </div>
  );
}
