import 'server-only';

// The mood & check-ins domain, one file per entity under ./mood; callers import from here.
export { listActivities, createActivity, updateActivity, deleteActivity } from './activities';
export { listEntries, createEntry, updateEntry, deleteEntry } from './entries';
export { listAssessments, takeAssessment, deleteAssessment, checkinsTakenBetween } from './assessments';
export { listSchedules, createSchedule, updateSchedule, deleteSchedule, listDueCheckins, dueCheckinsNow } from './schedules';
