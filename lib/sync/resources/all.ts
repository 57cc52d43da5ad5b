import { adminDeviceTokens, adminMetrics, adminTerms, adminUsers } from './admin';
import { bookList } from './books';
import { focusActive, focusSessions } from './focus';
import { habitList } from './habits';
import { moodActivities, moodAssessments, moodEntries, moodSchedules } from './mood';
import { todayPlan } from './plan';
import { plannerEvents } from './planner';
import { profile } from './profile';
import { progressSummary } from './progress';
import { questList } from './quests';
import { apiKeyList, deviceList, deviceTokenList } from './settings';
import { taskCounts } from './tasks';
import type { ResourceFamily } from './resource';

/** Every GET the web app shows: realtime derives which queries a scope's change reaches from this list. */
export const RESOURCES: readonly ResourceFamily[] = [
  profile,
  focusActive,
  focusSessions,
  todayPlan,
  plannerEvents,
  taskCounts,
  questList,
  habitList,
  progressSummary,
  bookList,
  moodEntries,
  moodActivities,
  moodAssessments,
  moodSchedules,
  apiKeyList,
  deviceList,
  deviceTokenList,
  adminUsers,
  adminTerms,
  adminMetrics,
  adminDeviceTokens,
];
