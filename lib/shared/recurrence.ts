/**
 * Repeating tasks: an RFC 5545 RRULE value anchored on the task's due day, or on the day it was
 * completed. This module is what every tasks page needs of them: the shape, the id of the next
 * occurrence and the loader of the rest. A rule is checked in `recurrence-rule.ts` (the op log's
 * checks, on the server and in the tasks engine); the editor's choices are in `repeat-choice.ts`.
 *
 * Expanding a rule and putting it in words takes the `rrule` package (about 14 KB compressed): it is
 * in `repeat-rules.ts`, which a browser loads with its first repeating task (`loadRepeatRules`), not
 * with every tasks page (decision 071).
 */
import type { RepeatFrom } from './crdt/ops';

export interface Recurrence {
  rule: string;
  from: RepeatFrom;
}

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/**
 * The id of the occurrence after `taskId`: the series' first task id with `_r<n>` (seed-free and
 * the same on every device), so two devices completing one occurrence offline make one next task.
 */
export function nextOccurrenceId(taskId: string): string {
  const m = /^(.+)_r(\d{1,9})$/.exec(taskId);
  return m ? `${m[1]}_r${Number(m[2]) + 1}` : `${taskId}_r1`;
}

type RepeatRules = typeof import('./repeat-rules');

let rules: RepeatRules | null = null;
let loading: Promise<RepeatRules> | null = null;

/** Loads the rules' expansion and words (once); resolves with them. */
export function loadRepeatRules(): Promise<RepeatRules> {
  loading ??= import('./repeat-rules').then((loaded) => (rules = loaded));
  return loading;
}

/**
 * Hands over the rules a caller imported itself, as if `loadRepeatRules` had loaded them: for a test
 * runner or tool whose `import()` would reach `rrule`'s ES module build untransformed.
 */
export function provideRepeatRules(loaded: RepeatRules): void {
  rules = loaded;
  loading = Promise.resolve(loaded);
}

/** The rules' expansion and words if they are loaded, else null (`loadRepeatRules` loads them). */
export function repeatRules(): RepeatRules | null {
  return rules;
}

/** Thrown, before anything changed, by an edit that needs the rules while they are not loaded yet. */
export class RepeatRulesNeeded extends Error {
  constructor() {
    super('The repeat rules are not loaded yet: await loadRepeatRules() and make the edit again');
  }
}

/** The loaded rules, for an edit that cannot go on without them. */
export function needRepeatRules(): RepeatRules {
  if (!rules) throw new RepeatRulesNeeded();
  return rules;
}
