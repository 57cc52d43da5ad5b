import { describe, expect, it } from 'vitest';
import { answerIssues, ASSESSMENT_KINDS, ASSESSMENTS, bandFor, maxScore, scoreAssessment } from './assessments';

const moodCheck = (interest: number, down: number) => ({ interest, down });
const wellbeing = (v: number) => ({ cheerful: v, calm: v, active: v, rested: v, interested: v });

describe('the built-in check-in definitions', () => {
  it('define every kind with unique question ids, an ascending answer scale and bands starting at 0', () => {
    for (const kind of ASSESSMENT_KINDS) {
      const def = ASSESSMENTS[kind];
      expect(def.kind).toBe(kind);
      expect(new Set(def.questions.map((q) => q.id)).size).toBe(def.questions.length);
      expect(def.options.map((o) => o.value)).toEqual(def.options.map((_, i) => i));
      expect(def.bands[0].min).toBe(0);
      expect(def.bands.map((b) => b.min)).toEqual([...def.bands.map((b) => b.min)].sort((a, b) => a - b));
    }
  });

  it('has a 2-question 0–3 mood check (max 6) and a 5-question 0–5 wellbeing check scored to 100', () => {
    expect(ASSESSMENTS['mood-check'].questions).toHaveLength(2);
    expect(maxScore('mood-check')).toBe(6);
    expect(ASSESSMENTS['wellbeing-check'].questions).toHaveLength(5);
    expect(maxScore('wellbeing-check')).toBe(100);
  });
});

describe('scoring a check-in', () => {
  it('sums the mood check answers', () => {
    expect(scoreAssessment('mood-check', moodCheck(0, 0))).toBe(0);
    expect(scoreAssessment('mood-check', moodCheck(1, 2))).toBe(3);
    expect(scoreAssessment('mood-check', moodCheck(3, 3))).toBe(6);
  });

  it('scores the wellbeing check as the answer sum times four', () => {
    expect(scoreAssessment('wellbeing-check', wellbeing(0))).toBe(0);
    expect(scoreAssessment('wellbeing-check', { cheerful: 5, calm: 4, active: 3, rested: 2, interested: 1 })).toBe(60);
    expect(scoreAssessment('wellbeing-check', wellbeing(5))).toBe(100);
  });

  it('refuses an incomplete sheet, an answer off the scale and a question the check does not ask', () => {
    expect(() => scoreAssessment('mood-check', { interest: 1 })).toThrow(/down: Answer this question/);
    expect(() => scoreAssessment('mood-check', moodCheck(4, 0))).toThrow(/interest: Choose one of 0, 1, 2, 3/);
    expect(() => scoreAssessment('mood-check', moodCheck(1.5, 0))).toThrow(/interest/);
    expect(() => scoreAssessment('mood-check', { ...moodCheck(0, 0), sleep: 2 })).toThrow(/sleep: Not a question/);
  });

  it('lists every problem of a sheet with the question it belongs to', () => {
    expect(answerIssues('wellbeing-check', { cheerful: 6, calm: -1, extra: 1 }).map((i) => i.path[0])).toEqual([
      'cheerful',
      'calm',
      'active',
      'rested',
      'interested',
      'extra',
    ]);
    expect(answerIssues('wellbeing-check', wellbeing(3))).toEqual([]);
  });
});

describe('reading a score', () => {
  it('reads a mood check of 3 or more as worth paying attention to', () => {
    expect(bandFor('mood-check', 2).label).toBe('Few signs of low mood');
    expect(bandFor('mood-check', 3).label).toBe('Worth paying attention to');
    expect(bandFor('mood-check', 6).label).toBe('Worth paying attention to');
  });

  it('reads the wellbeing check as low up to 28, lower than usual up to 50 and good above', () => {
    expect(bandFor('wellbeing-check', 28).label).toBe('Low wellbeing');
    expect(bandFor('wellbeing-check', 32).label).toBe('Lower than usual wellbeing');
    expect(bandFor('wellbeing-check', 48).label).toBe('Lower than usual wellbeing');
    expect(bandFor('wellbeing-check', 52).label).toBe('Good wellbeing');
  });
});
