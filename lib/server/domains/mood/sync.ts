import 'server-only';
import { syncEntity } from '@/lib/server/platform/records-sync/registry';
import { assertOwnActivities, assertUploadedLabelFree } from './activities';
import { activities, assessments, moodEntries, schedules } from './schema';

const stringsIn = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Mood entries, activities, check-in results and schedules for native sync. */
export const moodSyncEntities = [
  syncEntity('mood_entries', moodEntries, ['mood'], {
    check: {
      field: 'activityIds',
      run: (w, ctx, data, before) => assertOwnActivities(w.tx, ctx, stringsIn(data.activityIds), stringsIn(before?.activityIds)),
    },
  }),
  syncEntity('activities', activities, ['mood'], {
    check: { field: 'label', run: (w, ctx, data, before, id) => assertUploadedLabelFree(w.tx, ctx, data.label, before?.label, id) },
  }),
  syncEntity('assessments', assessments, ['mood']),
  syncEntity('schedules', schedules, ['mood']),
];
