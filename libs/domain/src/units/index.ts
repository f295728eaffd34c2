export * from './unit-directory';
export * from './unit-resolver';
export * from './demo-org';
