import 'server-only';

// The mood & check-ins domain, one file per entity under ./mood; callers import from here.
export { listActivities, createActivity, updateActivity, deleteActivity } from './mood/activities';
export { listEntries, createEntry, updateEntry, deleteEntry } from './mood/entries';
export { listAssessments, takeAssessment, deleteAssessment } from './mood/assessments';
export { listSchedules, createSchedule, updateSchedule, deleteSchedule, listDueCheckins } from './mood/schedules';
