import 'server-only';
import { syncEntity } from '@/lib/server/platform/records-sync/registry';
import { quests } from './schema';

export const questSyncEntities = [syncEntity('quests', quests, ['quests', 'progress'])];
