'use client';

import type { Quest, QuestCompleted, QuestCreateInput, QuestDeleted, QuestList, QuestPatchInput } from '@/lib/shared/schemas/quests';
import { xpProgress } from '@/lib/shared/xp';
import { sendJson } from '@/lib/sync/api';
import { useEditableList } from '@/lib/sync/editable-list';
import { useOptimisticMutation } from '@/lib/sync/optimistic';
import { useSyncEnv } from '@/lib/sync/provider';
import { QUESTS_URL, questList, questUrl } from '@/lib/sync/resources/quests';
import { showToast } from '@/lib/sync/toast';
import { useResource } from '@/lib/sync/use-resource';

export type ProgressChange = { id: string; by: number } | { id: string; to: number };

function mapQuest(list: QuestList | undefined, id: string, change: (q: Quest) => Quest, xpDelta: (q: Quest) => number = () => 0): QuestList | undefined {
  if (!list) return list;
  const quest = list.quests.find((q) => q.id === id);
  if (!quest) return list;
  return { quests: list.quests.map((q) => (q.id === id ? change(q) : q)), xp: xpProgress(list.xp.total + xpDelta(quest)) };
}

/** The quests page's data: the list (quests contract) and its writes, the frequent ones optimistic. */
export function useQuests() {
  const { deviceId } = useSyncEnv();
  const { queryKey, query, create, update } = useEditableList<QuestList, Quest, QuestCreateInput, QuestPatchInput>(useResource(questList), QUESTS_URL);
  const progress = useOptimisticMutation<ProgressChange, Quest, QuestList>({
    queryKey,
    mutationFn: ({ id, ...change }) => sendJson('POST', questUrl(id, '/progress'), deviceId, change),
    apply: (list, change) =>
      mapQuest(list, change.id, (q) => ({ ...q, progress: 'to' in change ? change.to : Math.min(q.target, Math.max(0, q.progress + change.by)) })),
  });
  const complete = useOptimisticMutation<string, QuestCompleted, QuestList>({
    queryKey,
    mutationFn: async (id) => {
      const completed = await sendJson<QuestCompleted>('POST', questUrl(id, '/complete'), deviceId);
      // The server's answer, not the optimistic guess, says whether a level was reached.
      if (completed.levelReached !== null) showToast(`Level ${completed.levelReached} reached!`, 'info');
      return completed;
    },
    apply: (list, id) =>
      mapQuest(
        list,
        id,
        (q) => ({ ...q, completedAt: Date.now(), progress: q.target }),
        (q) => (q.completedAt === null ? q.xpReward : 0),
      ),
  });
  const reopen = useOptimisticMutation<string, Quest, QuestList>({
    queryKey,
    mutationFn: (id) => sendJson('POST', questUrl(id, '/reopen'), deviceId),
    apply: (list, id) =>
      mapQuest(
        list,
        id,
        (q) => ({ ...q, completedAt: null }),
        (q) => (q.completedAt === null ? 0 : -q.xpReward),
      ),
  });
  const remove = useOptimisticMutation<string, QuestDeleted, QuestList>({
    queryKey,
    mutationFn: (id) => sendJson('DELETE', questUrl(id), deviceId),
    apply: (list, id) => {
      const quest = list?.quests.find((q) => q.id === id);
      if (!list || !quest) return list;
      return { quests: list.quests.filter((q) => q.id !== id), xp: xpProgress(list.xp.total - (quest.completedAt === null ? 0 : quest.xpReward)) };
    },
  });

  return { query, create, update, progress, complete, reopen, remove };
}
