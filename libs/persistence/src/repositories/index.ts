export * from './sql-params';
export * from './task-access.repository';
export * from './task-search.sql';
export * from './task-query.repository';
export * from './task-inbox.repository';
export * from './task-metrics.repository';
export * from './attachment.repository';
export * from './plan-progress.repository';
