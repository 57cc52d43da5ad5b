import type { ContractName } from './contracts';

/**
 * Each sync contract's page and where its freshness comes from, in words, for the admin page's
 * table. Apart from the numbers (`contracts.ts`), which every page loads: the words are the admin
 * page's alone (decision 072).
 */
export const CONTRACT_WORDS: Readonly<Record<ContractName, { page: string; source: string }>> = {
  focus: {
    page: 'Focus timer (/focus, BottomBar, FocusIndicator)',
    source: 'one poller of /api/focus/active for all consumers; SSE timer events make it instant',
  },
  planner: { page: 'Planner (/planner)', source: 'poll; SSE calendar events make it instant' },
  admin: { page: 'Admin (/admin)', source: 'manual refresh only (and admin changes, through the leader)' },
  'daily-plan': { page: 'Today (/today)', source: 'fetch on mount; nudged by plan, planner, tasks, habits, mood, focus and profile changes' },
  tasks: { page: 'Tasks (/tasks)', source: 'SSE nudge → op-log pull; 30 s poll without SSE, a 5 min safety pull with it' },
  quests: { page: 'Quests (/quests)', source: 'fetch on mount; nudged by quests changes' },
  habits: { page: 'Habits (/habits)', source: 'fetch on mount; nudged by habits changes' },
  progress: { page: 'Progress (/progress)', source: 'fetch on mount + focus; nudged by progress changes' },
  books: { page: 'Books (/books)', source: 'fetch on mount + focus; nudged by books changes; paused while a form is open' },
  mood: { page: 'Mood & check-ins (/mood)', source: 'fetch on mount; nudged by mood changes' },
  profile: { page: 'Profile and time zone (/settings, /tasks: /api/me)', source: 'fetch on mount; nudged by profile changes' },
  'api-keys': { page: 'API keys (/settings: /api/api-keys)', source: 'fetch on mount; nudged by devices changes' },
  devices: { page: 'Devices (/settings: /api/devices)', source: 'fetch on mount; nudged by devices changes' },
  sessions: { page: 'Where you are signed in (/settings: /api/me/sessions)', source: 'fetch on mount; nudged by devices changes' },
  'device-tokens': { page: 'Push devices (/settings: /api/device-tokens)', source: 'fetch on mount; nudged by devices changes' },
  'task-counts': { page: 'Today badge (every page: /api/tasks/counts)', source: 'nudged by tasks changes; 30 s poll without SSE, a 5 min safety pull with it' },
  'focus-sessions': { page: "Today's focus sessions (/focus: /api/focus/sessions)", source: 'fetch on mount + focus; nudged by progress changes' },
};
