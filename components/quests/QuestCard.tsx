'use client';

import { Check, Plus, RotateCcw } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import type { Quest } from '@/lib/shared/schemas/quests';
import { useFormats } from '@/lib/sync/use-formats';
import type { ProgressChange } from './useQuests';
import { invalidProps, WHOLE_NUMBER } from '../forms/Field';
import { CardFooter } from '../shell/CardActions';
import { questUrl } from '@/lib/sync/resources/quests';
import { WaitingToSend } from '../shell/WaitingToSend';
import { ProgressBar } from '../shell/ProgressBar';

interface QuestCardProps {
  quest: Quest;
  now: number;
  onProgress: (change: ProgressChange) => void;
  onComplete: () => void;
  onReopen: () => void;
  onEdit: () => void;
  onDelete: () => void;
}

function SetProgressForm({ quest, onSave, onClose }: { quest: Quest; onSave: (to: number) => void; onClose: () => void }) {
  const id = useId();
  const [value, setValue] = useState(String(quest.progress));
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const to = Number(value);
    if (value.trim() === '' || !Number.isInteger(to) || to < 0 || to > quest.target) {
      setError(`Enter a whole number from 0 to ${quest.target}`);
      return;
    }
    onSave(to);
    onClose();
  }

  return (
    <form onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onClose()} noValidate className="mt-3 flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor={id} className="label">
          Progress
        </label>
        <input
          id={id}
          {...WHOLE_NUMBER}
          min={0}
          max={quest.target}
          value={value}
          autoFocus
          onChange={(e) => setValue(e.target.value)}
          className="input w-28"
          {...invalidProps(id, error)}
        />
      </div>
      <button type="submit" className="btn-secondary">
        Save
      </button>
      <button type="button" className="btn-ghost" onClick={onClose}>
        Cancel
      </button>
      {error ? (
        <p id={`${id}-error`} className="field-error w-full">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** One quest: progress, deadline, and what can be done with it now. */
export function QuestCard({ quest, now, onProgress, onComplete, onReopen, onEdit, onDelete }: QuestCardProps) {
  const [setting, setSetting] = useState(false);
  const format = useFormats();
  const done = quest.completedAt !== null;
  const overdue = !done && quest.deadline !== null && quest.deadline < now;

  return (
    <article aria-label={quest.title} className={`card ${done ? 'bg-stone-50' : ''} ${overdue ? 'border-red-300' : ''}`} data-testid="quest-card">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className={`font-semibold ${done ? 'text-stone-500 line-through' : ''}`}>{quest.title}</h3>
          {quest.description ? <p className="mt-1 text-sm text-stone-600">{quest.description}</p> : null}
        </div>
        <span className="shrink-0 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">{quest.xpReward} XP</span>
      </div>
      <WaitingToSend url={questUrl(quest.id)} />

      <div className="mt-3">
        <div className="flex items-baseline justify-between text-sm">
          <span data-testid="quest-progress">
            {quest.progress} / {quest.target}
          </span>
          {done ? (
            <span className="text-green-700">Completed {format.day(quest.completedAt!)}</span>
          ) : quest.deadline !== null ? (
            <span className={overdue ? 'font-medium text-red-700' : 'text-stone-500'} data-testid={overdue ? 'quest-overdue' : undefined}>
              {overdue ? 'Overdue · was due ' : 'Due '}
              {format.day(quest.deadline)}
            </span>
          ) : null}
        </div>
        <ProgressBar label={`Progress of ${quest.title}`} value={quest.progress} max={quest.target} done={done} className="mt-1 h-2" />
      </div>

      {setting ? <SetProgressForm quest={quest} onSave={(to) => onProgress({ id: quest.id, to })} onClose={() => setSetting(false)} /> : null}

      <CardFooter
        name={quest.title}
        question={`Delete this quest${done ? ` and its ${quest.xpReward} XP` : ''}?`}
        label="Delete quest"
        onEdit={onEdit}
        onDelete={onDelete}
        className="mt-4 flex flex-wrap gap-2"
      >
        {done ? (
          <button type="button" className="btn-secondary" onClick={onReopen}>
            <RotateCcw className="h-4 w-4" aria-hidden /> Reopen
          </button>
        ) : (
          <>
            <button
              type="button"
              className="btn-secondary"
              onClick={() => onProgress({ id: quest.id, by: 1 })}
              disabled={quest.progress >= quest.target}
              aria-label={`Add 1 to ${quest.title}`}
            >
              <Plus className="h-4 w-4" aria-hidden /> 1
            </button>
            {!setting ? (
              <button type="button" className="btn-ghost" onClick={() => setSetting(true)}>
                Set progress
              </button>
            ) : null}
            <button type="button" className="btn-primary" onClick={onComplete}>
              <Check className="h-4 w-4" aria-hidden /> Complete
            </button>
          </>
        )}
      </CardFooter>
    </article>
  );
}
