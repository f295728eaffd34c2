export * from './temporal-client.module';
export * from './task-workflow.starter';
export * from './task-provisioning';
export * from './plan-importer';
