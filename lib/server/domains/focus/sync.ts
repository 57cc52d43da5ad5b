import 'server-only';
import { syncEntity } from '@/lib/server/platform/records-sync/registry';
import { focusSessions } from './schema';

/** Ended focus sessions only (the schema refuses running ones): the live timer belongs to /api/focus/*. */
export const focusSyncEntities = [syncEntity('focus_sessions', focusSessions, ['focus', 'progress'])];
