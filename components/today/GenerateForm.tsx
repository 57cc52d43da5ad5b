'use client';

import { RefreshCw, Wand2 } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { focusGoalProblem, MAX_FOCUS_GOAL_MINUTES, MIN_FOCUS_GOAL_MINUTES } from '@/lib/shared/focus-goal';
import type { PlanGenerateInput } from '@/lib/shared/schemas/plan';

/** The focus goal (blank for none) and the button that builds, or rebuilds, today's plan. */
export function GenerateForm({
  initialGoal,
  regenerate,
  busy,
  onGenerate,
}: {
  initialGoal: number | null;
  regenerate: boolean;
  busy: boolean;
  onGenerate: (input: PlanGenerateInput) => void;
}) {
  const id = useId();
  const [goal, setGoal] = useState(initialGoal === null ? '' : String(initialGoal));
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    // Checked by hand with the schema's rules and messages: this form is always on screen, and Zod
    // would weigh on Today's first load (decision 059). The server checks it again.
    const focusGoalMinutes = goal.trim() === '' ? null : Number(goal);
    const problem = focusGoalMinutes === null ? null : focusGoalProblem(focusGoalMinutes);
    if (problem) {
      setError(problem);
      return;
    }
    setError(null);
    onGenerate({ focusGoalMinutes });
  }

  const Icon = regenerate ? RefreshCw : Wand2;
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
      <div>
        <label htmlFor={`${id}-goal`} className="label">
          Focus goal (minutes)
        </label>
        <input
          id={`${id}-goal`}
          type="number"
          inputMode="numeric"
          className="input w-40"
          placeholder="None"
          value={goal}
          min={MIN_FOCUS_GOAL_MINUTES}
          max={MAX_FOCUS_GOAL_MINUTES}
          step={5}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setGoal(e.target.value)}
        />
      </div>
      <button type="submit" className={regenerate ? 'btn-secondary' : 'btn-primary'} disabled={busy}>
        <Icon className={`h-4 w-4 ${busy ? 'animate-spin' : ''}`} aria-hidden />
        {regenerate ? 'Regenerate plan' : 'Generate plan'}
      </button>
      {error ? (
        <p id={`${id}-error`} className="field-error w-full" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
