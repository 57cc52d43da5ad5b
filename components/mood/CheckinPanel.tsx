'use client';

import { Trash2 } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { answerIssues, ASSESSMENT_KINDS, ASSESSMENTS, bandFor, maxScore, type AssessmentKind } from '@/lib/shared/assessments';
import type { Assessment, AssessmentTake, AssessmentTaken } from '@/lib/shared/schemas/mood';
import { IconButton } from '../shell/IconButton';
import { MOOD_ASSESSMENTS_URL } from '@/lib/sync/resources/mood';
import { itemUrl } from '@/lib/sync/resources/resource';
import { ItemList } from '../shell/ItemList';
import { WaitingToSend } from '../shell/WaitingToSend';
import { ChoiceChip } from './ChoiceChip';
import { useFormats } from '@/lib/sync/use-formats';
import { isPending, rowKey } from './useMood';

const RECENT = 5;

function AssessmentForm({ kind, onSubmit }: { kind: AssessmentKind; onSubmit: (input: AssessmentTake) => void }) {
  const id = useId();
  const def = ASSESSMENTS[kind];
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [missing, setMissing] = useState<Set<string>>(new Set());

  function submit(e: FormEvent) {
    e.preventDefault();
    const issues = answerIssues(kind, answers);
    setMissing(new Set(issues.map((i) => i.path[0])));
    if (issues.length === 0) onSubmit({ kind, answers });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={def.title} id={`checkin-form-${kind}`}>
      <p className="text-sm text-stone-600">{def.description}</p>
      <p className="text-sm font-medium">{def.prompt}</p>
      {def.questions.map((q, i) => (
        <fieldset key={q.id} aria-describedby={missing.has(q.id) ? `${id}-${q.id}-error` : undefined}>
          <legend className="mb-1.5 text-sm text-stone-800">
            {i + 1}. {q.text}
          </legend>
          <div className="flex flex-wrap gap-1.5" role="radiogroup">
            {def.options.map((o) => (
              <ChoiceChip
                key={o.value}
                type="radio"
                name={`${id}-${q.id}`}
                label={o.label}
                checked={answers[q.id] === o.value}
                className="text-xs"
                onChange={() => setAnswers((a) => ({ ...a, [q.id]: o.value }))}
              />
            ))}
          </div>
          {missing.has(q.id) ? (
            <p id={`${id}-${q.id}-error`} className="field-error" role="alert">
              Answer this question
            </p>
          ) : null}
        </fieldset>
      ))}
      <button type="submit" className="btn-primary">
        Save check-in
      </button>
    </form>
  );
}

function Result({ assessment }: { assessment: Assessment }) {
  const band = bandFor(assessment.kind, assessment.score);
  return (
    <div className="rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm" role="status" data-testid="checkin-result">
      <p className="font-medium">
        {ASSESSMENTS[assessment.kind].title}: {assessment.score} of {maxScore(assessment.kind)} · {band.label}
      </p>
      <p className="mt-1 text-stone-700">{band.note}</p>
    </div>
  );
}

/** Take one of the built-in check-ins (scored by the server) and see the recent results. */
export function CheckinPanel({
  kind,
  onKindChange,
  assessments,
  onTake,
  onDelete,
}: {
  kind: AssessmentKind;
  onKindChange: (kind: AssessmentKind) => void;
  assessments: Assessment[];
  onTake: (input: AssessmentTake, onTaken: (taken: AssessmentTaken) => void) => void;
  onDelete: (id: string) => void;
}) {
  const id = useId();
  const format = useFormats();
  const [lastTaken, setLastTaken] = useState<Assessment | null>(null);
  const [formKey, setFormKey] = useState(0);

  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="label">Check-in</legend>
        <div className="flex flex-wrap gap-1.5" role="radiogroup">
          {ASSESSMENT_KINDS.map((k) => (
            <ChoiceChip
              key={k}
              type="radio"
              name={`${id}-kind`}
              label={ASSESSMENTS[k].title}
              checked={kind === k}
              onChange={() => {
                onKindChange(k);
                setLastTaken(null);
              }}
            />
          ))}
        </div>
      </fieldset>
      {lastTaken ? <Result assessment={lastTaken} /> : null}
      <AssessmentForm
        key={`${kind}-${formKey}`}
        kind={kind}
        onSubmit={(input) =>
          onTake(input, (taken) => {
            setLastTaken(taken.assessment);
            setFormKey((n) => n + 1);
          })
        }
      />
      <section aria-labelledby={`${id}-recent`}>
        <h3 id={`${id}-recent`} className="mb-2 text-sm font-semibold text-stone-700">
          Recent results
        </h3>
        <ItemList items={assessments.slice(0, RECENT)} className="text-sm" empty="No check-ins taken yet.">
          {(a) => {
            const title = ASSESSMENTS[a.kind].title;
            const at = format.dateTime(a.takenAt);
            return (
              <li key={rowKey(a.id)} className="flex items-center gap-2 py-1.5" data-testid="assessment">
                <span className="flex-1">
                  <span className="font-medium">{title}</span> · {a.score} of {maxScore(a.kind)} ·{' '}
                  <span className="text-stone-600">{bandFor(a.kind, a.score).label}</span>
                  <span className="block text-xs text-stone-500">{at}</span>
                  <WaitingToSend url={itemUrl(MOOD_ASSESSMENTS_URL, a.id)} id={a.id} />
                </span>
                <IconButton
                  icon={Trash2}
                  label={`Delete the ${title.toLowerCase()} from ${at}`}
                  danger
                  disabled={isPending(a.id)}
                  onClick={() => onDelete(a.id)}
                />
              </li>
            );
          }}
        </ItemList>
      </section>
    </div>
  );
}
