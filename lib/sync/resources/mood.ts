import type { Activity, Assessment, MoodEntry, Schedule } from '@/lib/shared/schemas/mood';
import { defineResource, type Resource } from './resource';

export const MOOD_ENTRIES_URL = '/api/mood/entries';
export const MOOD_ACTIVITIES_URL = '/api/mood/activities';
export const MOOD_ASSESSMENTS_URL = '/api/mood/assessments';
export const MOOD_SCHEDULES_URL = '/api/mood/schedules';

// Each list of the mood page behaves as the page does: one contract, one scope.
const moodCollection = <T>(name: string, url: string): Resource<T> =>
  defineResource<T>({ key: ['mood', name], url: () => url, contract: 'mood', scopes: ['mood'] });

export const moodEntries = defineResource<MoodEntry[], [from: number, to: number]>({
  key: ['mood', 'entries'],
  url: (from, to) => `${MOOD_ENTRIES_URL}?from=${from}&to=${to}`,
  contract: 'mood',
  scopes: ['mood'],
});
export const moodActivities = moodCollection<Activity[]>('activities', MOOD_ACTIVITIES_URL);
export const moodAssessments = moodCollection<Assessment[]>('assessments', MOOD_ASSESSMENTS_URL);
export const moodSchedules = moodCollection<Schedule[]>('schedules', MOOD_SCHEDULES_URL);
