import 'server-only';
import { syncEntity } from '@/lib/server/platform/records-sync/registry';
import { habitLogs, habits } from './schema';
import { assertNotAfterToday, deleteHabitLogsOf, todayOf } from './service';

/** Habits and their logs for native sync: one log per habit and day, never ahead of the user's today. */
export const habitSyncEntities = [
  syncEntity('habits', habits, ['habits', 'progress'], { onDelete: deleteHabitLogsOf }),
  syncEntity('habit_logs', habitLogs, ['habits', 'progress'], {
    naturalKey: ['habitId', 'day'],
    parent: { entityType: 'habits', field: 'habitId' },
    check: { field: 'day', run: async (w, ctx, data) => assertNotAfterToday(String(data.day), await todayOf(w.tx, ctx, w.now)) },
  }),
];
