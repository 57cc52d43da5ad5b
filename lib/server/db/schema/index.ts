export * from './users';
export * from './changes';
export * from './focus';
