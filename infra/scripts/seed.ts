// `npm run seed`: loads the demo organization into DATABASE_URL (idempotent).
import 'reflect-metadata';
import { loadEnv } from '@app/config';
import { runMigrations } from '@app/persistence';
import { loadDemoData } from './demo-data';

async function main(): Promise<void> {
  const env = loadEnv();
  const applied = await runMigrations(env.DATABASE_URL);
  const { seed, passwordsSet, welcome, plan } = await loadDemoData({
    databaseUrl: env.DATABASE_URL,
    temporalAddress: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    demoMode: env.DEMO_MODE,
  });
  console.log(JSON.stringify({ migrationsApplied: applied, ...seed, passwordsSet, welcomeWorkflow: welcome.workflowId, samplePlan: plan }));
}

main().catch((err: unknown) => {
  console.error(String((err as Error)?.stack ?? err));
  process.exit(1);
});
