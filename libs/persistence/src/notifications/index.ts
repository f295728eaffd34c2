export * from './notification-text';
export * from './notification-recipients';
export * from './task-notifier';
export * from './email-outbox.queue';
export * from './notification-inbox';
