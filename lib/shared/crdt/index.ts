export { compareStamps, LamportClock, type Stamp } from './clock';
export { countTasks, type TaskCounts } from './counts';
export { TaskDocument, type ListedTask, type ListView, type NewTask, type TaskDetails, type TaskDocumentOptions } from './document';
export type { TaskView } from './list';
export * from './ops';
export { isOrderKey, positionBetween, type TaskPlacement } from './position';
export { SNAPSHOT_VERSION } from './snapshot';
