/**
 * What `TasksProvider` loads when a page first needs the engine: the engine and the browser's op
 * store in one module, so the code they share (the CRDT, positions, days) comes in one chunk. Two
 * separate `import()`s made two chunk groups that each carried a copy of it (about 4.5 KB).
 */
export { SyncEngine } from './engine';
export { openTaskStore } from './store';
