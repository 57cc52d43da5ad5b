export * from './users';
export * from './changes';
export * from './focus';
export * from './records';
export * from './oplog';
export * from './native';
