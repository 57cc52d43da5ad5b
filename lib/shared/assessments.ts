/**
 * The built-in check-in questionnaires, as data: the page renders them and the server scores
 * them from the same definition, so a client can never submit its own score.
 */

export const ASSESSMENT_KINDS = ['mood-check', 'wellbeing-check'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

export interface AssessmentQuestion {
  id: string;
  text: string;
}

export interface AssessmentOption {
  value: number;
  label: string;
}

/** A reading of a score: applies from `min` up to the next band's min. */
export interface AssessmentBand {
  min: number;
  label: string;
  note: string;
}

export interface AssessmentDefinition {
  kind: AssessmentKind;
  title: string;
  description: string;
  /** The stem every question completes, e.g. "Over the last two weeks, how often…". */
  prompt: string;
  questions: AssessmentQuestion[];
  /** The answer scale shared by every question, lowest first. */
  options: AssessmentOption[];
  /** The sum of the answers is multiplied by this (the wellbeing check reads as a percentage). */
  multiplier: number;
  /** Ascending by min; the first band starts at 0. */
  bands: AssessmentBand[];
}

export const ASSESSMENTS: Readonly<Record<AssessmentKind, AssessmentDefinition>> = {
  'mood-check': {
    kind: 'mood-check',
    title: 'Mood check',
    description: 'Two quick questions about the last two weeks (PHQ-2 style).',
    prompt: 'Over the last two weeks, how often have you been bothered by…',
    questions: [
      { id: 'interest', text: 'Little interest or pleasure in doing things' },
      { id: 'down', text: 'Feeling down, low or hopeless' },
    ],
    options: [
      { value: 0, label: 'Not at all' },
      { value: 1, label: 'Several days' },
      { value: 2, label: 'More than half the days' },
      { value: 3, label: 'Nearly every day' },
    ],
    multiplier: 1,
    bands: [
      { min: 0, label: 'Few signs of low mood', note: 'Keep doing what helps you.' },
      { min: 3, label: 'Worth paying attention to', note: 'Consider talking it over with someone you trust or a health professional.' },
    ],
  },
  'wellbeing-check': {
    kind: 'wellbeing-check',
    title: 'Wellbeing check',
    description: 'Five questions about how you have been feeling (WHO-5 style), scored 0–100.',
    prompt: 'Over the last two weeks…',
    questions: [
      { id: 'cheerful', text: 'I have felt cheerful and in good spirits' },
      { id: 'calm', text: 'I have felt calm and relaxed' },
      { id: 'active', text: 'I have felt active and vigorous' },
      { id: 'rested', text: 'I woke up feeling fresh and rested' },
      { id: 'interested', text: 'My daily life has been filled with things that interest me' },
    ],
    options: [
      { value: 0, label: 'At no time' },
      { value: 1, label: 'Some of the time' },
      { value: 2, label: 'Less than half of the time' },
      { value: 3, label: 'More than half of the time' },
      { value: 4, label: 'Most of the time' },
      { value: 5, label: 'All of the time' },
    ],
    multiplier: 4,
    bands: [
      { min: 0, label: 'Low wellbeing', note: 'Consider talking it over with someone you trust or a health professional.' },
      { min: 29, label: 'Lower than usual wellbeing', note: 'Small things — rest, movement, time with people — can help.' },
      { min: 51, label: 'Good wellbeing', note: 'Keep doing what helps you.' },
    ],
  },
};

export function isAssessmentKind(kind: string): kind is AssessmentKind {
  return (ASSESSMENT_KINDS as readonly string[]).includes(kind);
}

export type AssessmentAnswers = Record<string, number>;

export interface AnswerIssue {
  path: string[];
  message: string;
}

/** Why `answers` is not a complete, valid answer sheet for `kind` (empty when it is). */
export function answerIssues(kind: AssessmentKind, answers: Record<string, unknown>): AnswerIssue[] {
  const def = ASSESSMENTS[kind];
  const allowed = new Set(def.options.map((o) => o.value));
  const issues: AnswerIssue[] = [];
  for (const q of def.questions) {
    const value = answers[q.id];
    if (value === undefined) issues.push({ path: [q.id], message: 'Answer this question' });
    else if (typeof value !== 'number' || !allowed.has(value)) issues.push({ path: [q.id], message: `Choose one of ${[...allowed].join(', ')}` });
  }
  const known = new Set(def.questions.map((q) => q.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) issues.push({ path: [id], message: 'Not a question of this check-in' });
  return issues;
}

export function maxScore(kind: AssessmentKind): number {
  const def = ASSESSMENTS[kind];
  return def.questions.length * Math.max(...def.options.map((o) => o.value)) * def.multiplier;
}

/** The score of a complete answer sheet; throws on an incomplete or invalid one. */
export function scoreAssessment(kind: AssessmentKind, answers: AssessmentAnswers): number {
  const issues = answerIssues(kind, answers);
  if (issues.length > 0) throw new Error(`Invalid ${kind} answers: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const def = ASSESSMENTS[kind];
  return def.questions.reduce((sum, q) => sum + answers[q.id], 0) * def.multiplier;
}

export function bandFor(kind: AssessmentKind, score: number): AssessmentBand {
  const { bands } = ASSESSMENTS[kind];
  return bands.reduce((found, band) => (score >= band.min ? band : found), bands[0]);
}
