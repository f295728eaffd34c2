export * from './entities';
export * from './data-source.options';
export * from './migrations';
export * from './nest/persistence.module';
export * from './migrate';
export * from './seed/organization.seed';
export * from './seed/demo-people';
export * from './actors';
