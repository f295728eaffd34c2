export * from './admin-audit';
export * from './account-tokens';
export * from './directory';
export * from './organizations';
export * from './settings';
export * from './directory-import';
