// Repositories: the one place for the SQL on tasks, task_events, plans and notifications (issue 15 item 8).
export * from './task-events.repository';
export * from './task-read-model.repository';
export * from './task-working-due.repository';
export * from './unit-monthly-ratings.repository';
export * from './notifications.repository';
export * from './open-tasks.repository';
export * from './plan-store';
export * from './plan.repository';
export * from './unit-directory.repository';
export * from './workflow-tasks.repository';
