// Every table of the app, for drizzle-kit (migrations) and for tests that must cover them all (the
// account-deletion test derives its table list from here). Code imports a table from its owner.
export * from './platform/auth/schema';
export * from './platform/changes/schema';
export * from './platform/db/schema';
export * from './platform/http/schema';
export * from './platform/oplog/schema';
export * from './domains/books/schema';
export * from './domains/devices/schema';
export * from './domains/focus/schema';
export * from './domains/habits/schema';
export * from './domains/mood/schema';
export * from './domains/plan/schema';
export * from './domains/planner/schema';
export * from './domains/push-tokens/schema';
export * from './domains/quests/schema';
export * from './domains/terms/schema';
