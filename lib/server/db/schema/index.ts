export * from './users';
export * from './changes';
