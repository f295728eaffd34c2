/** Integration tests run against the stack `npm test` provisions; say so plainly when it is missing. */
export default function globalSetup(): void {
  const missing = ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'WORKFLOW_BUNDLE_PATH'].filter((k) => !process.env[k]);
  if (missing.length) {
    throw new Error(
      `${missing.join(', ')} not set: run integration tests with "npm test" (it provisions Postgres and Temporal), ` +
        'or "npm test -- test/<file>" for one file.',
    );
  }
}
