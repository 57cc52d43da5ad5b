import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { createApiKey } from '@/lib/server/domains/devices/api-keys';
import { registerDevice } from '@/lib/server/domains/devices/devices';
import { startFocus } from '@/lib/server/domains/focus/service';
import { registerDeviceToken } from '@/lib/server/domains/push-tokens/device-tokens';
import { uploadFromDevice } from '@/lib/server/domains/devices/record-sync';
import { pushTasks } from '@/lib/server/domains/tasks/service';
import { acceptTerms, currentTerms } from '@/lib/server/domains/terms/service';
import { idempotent } from '@/lib/server/platform/http/idempotency';
import { TaskDocument } from '@/lib/shared/crdt';
import { localDay } from '@/lib/shared/days';
import { SYNC_ENTITY_TYPES, type SyncEntityType } from '@/lib/shared/schemas/records-sync';
import { createTestUser, type TestUser } from './helpers';

// A user with data in every domain: the isolation matrix, account deletion and the export all start here.

/** A user with real rows in every domain, each text carrying `marker`, and the ids of those rows. */
export interface Seeded extends TestUser {
  marker: string;
  deviceId: string;
  clientId: string;
  apiKeyId: string;
  records: Record<SyncEntityType, string>;
}

export async function seeded(name: string): Promise<Seeded> {
  const user = await createTestUser();
  const marker = `${name}-${randomUUID().slice(0, 8)}`;
  const ctx = { userId: user.id };
  const device = await registerDevice(ctx, { label: `${marker} phone`, platform: 'ios' });
  const { apiKey } = await createApiKey(ctx, { label: `${marker} key` });
  await registerDeviceToken(ctx, { token: randomBytes(32).toString('hex'), platform: 'ios', deviceId: device.id });
  const t = Date.now();
  const records = Object.fromEntries(SYNC_ENTITY_TYPES.map((type) => [type, randomUUID()])) as Record<SyncEntityType, string>;
  const data: Record<SyncEntityType, Record<string, unknown>> = {
    habits: { name: `${marker} habit`, cadence: 'daily' },
    habit_logs: { habitId: records.habits, day: localDay(t, 'UTC') },
    books: { title: `${marker} book`, totalPages: 100 },
    reading_sessions: { bookId: records.books, pages: 5, minutes: 10, readAt: t },
    quests: { title: `${marker} quest`, target: 3, xpReward: 10 },
    planner_events: { title: `${marker} event`, startsAt: t, endsAt: t + 3600_000, notes: marker },
    focus_sessions: {
      taskTitle: `${marker} focus`,
      mode: 'focus',
      plannedMinutes: 25,
      status: 'completed',
      startedAt: t - 3600_000,
      endedAt: t - 60_000,
      focusMs: 25 * 60_000,
    },
    mood_entries: { score: 7, activityIds: [records.activities], notes: `${marker} mood`, recordedAt: t },
    activities: { label: `${marker} walk` },
    assessments: { kind: 'mood-check', payload: { note: marker }, score: 3, takenAt: t },
    schedules: { assessmentKind: 'mood-check', cadence: 'daily', nextDueAt: t - 1000 },
  };
  const changes = Object.entries(records).map(([entityType, id]) => ({
    entityType,
    id,
    data: data[entityType as SyncEntityType],
    updatedAt: t,
    deleted: false,
  }));
  const uploaded = await uploadFromDevice({ userId: user.id, deviceId: device.id }, { deviceId: device.id, changes });
  expect(uploaded.applied).toHaveLength(changes.length);
  const clientId = randomUUID();
  const doc = new TaskDocument({ actor: clientId });
  const list = doc.createList(`${marker} list`);
  await pushTasks(ctx, { clientId, ops: [list, doc.addTask(list.payload.listId, { title: `${marker} task` })] });
  // A grace of its own: the session's timing row (focus_session_timing) is written too.
  await startFocus(ctx, { mode: 'focus', plannedMinutes: 25, taskTitle: `${marker} running`, graceMinutes: 30 });
  await acceptTerms(ctx, (await currentTerms()).version);
  // A write sent with an Idempotency-Key leaves its first answer behind for 24 h.
  await idempotent(user.id, `${marker}-key`, 'seeded', async () => Response.json({ seeded: true }));
  return { ...user, marker, deviceId: device.id, clientId, apiKeyId: apiKey.id, records };
}
