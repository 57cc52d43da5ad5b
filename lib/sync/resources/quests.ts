import type { QuestList } from '@/lib/shared/schemas/quests';
import { defineResource, itemUrl } from './resource';

export const QUESTS_URL = '/api/quests';

export const questList = defineResource<QuestList>({ key: ['quests', 'list'], url: () => QUESTS_URL, contract: 'quests', scopes: ['quests'] });

export const questUrl = (id: string, action: '' | '/progress' | '/complete' | '/reopen' = '') => itemUrl(QUESTS_URL, id, action);
