export * from './plan-store';
export * from './plan.repository';
export * from './unit-directory.repository';
export * from './workflow-tasks.repository';
