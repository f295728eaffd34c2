export * from './temporal-client.module';
export * from './task-workflow.starter';
export * from './task-commands';
export * from './task-provisioning';
export * from './plan-importer';
export * from './lifecycle-input';
export * from './calendar-broadcast';
export * from './settings-broadcast';
