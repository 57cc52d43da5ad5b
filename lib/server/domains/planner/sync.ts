import 'server-only';
import { syncEntity } from '@/lib/server/platform/records-sync/registry';
import { plannerEvents } from './schema';

export const plannerSyncEntities = [syncEntity('planner_events', plannerEvents, ['planner'])];
