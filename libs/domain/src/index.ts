export * from './task/task-state';
export * from './task/roles';
export * from './errors/domain-error';
export * from './org/organization-settings';
export * from './text/fold';
export * from './calendar';
export * from './timeline';
