import { describe, expect, it } from 'vitest';
import { focusGoalProblem, MAX_FOCUS_GOAL_MINUTES, MIN_FOCUS_GOAL_MINUTES } from './focus-goal';
import { passwordProblem } from './password';
import { planGenerateSchema } from './schemas/plan';
import { passwordSchema } from './schemas/profile';

// The forms always on screen (Today's focus goal, Settings' password) check their input by hand, so
// their page loads no Zod (decision 059); the server checks it again with its schema. Both must say
// the same thing: for each input, the hand check's message is the schema's first issue, or both pass.

const firstIssue = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? null : r.error!.issues[0].message);

describe('the password rules, by hand and in the schema', () => {
  const samples = [
    '',
    'short',
    '123456789',
    'a'.repeat(10),
    'aabbaabbaa',
    'abcabcabca',
    'PassWord123',
    'password123',
    'QWERTYUIOP',
    'a long enough passphrase',
    'x'.repeat(201),
    `${'abcd'.repeat(50)}`,
    `${'abcd'.repeat(50)}e`,
    'éèêëéèêëéè',
    '🙂🙂🙂🙂🙂',
    '🙂🙂🙂🙂🙂abcde',
    `${'🙂'.repeat(150)}abcd`,
  ];
  it.each(samples)('%j', (p) => {
    expect(passwordProblem(p)).toBe(firstIssue(passwordSchema.safeParse(p)));
  });
});

describe('the focus goal, by hand and in the schema', () => {
  const samples = [
    MIN_FOCUS_GOAL_MINUTES,
    MAX_FOCUS_GOAL_MINUTES,
    MIN_FOCUS_GOAL_MINUTES - 1,
    MAX_FOCUS_GOAL_MINUTES + 1,
    0,
    -5,
    25,
    25.5,
    4.5,
    1e20,
    -1e20,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  it.each(samples)('%d', (n) => {
    expect(focusGoalProblem(n)).toBe(firstIssue(planGenerateSchema.safeParse({ focusGoalMinutes: n })));
  });
});
