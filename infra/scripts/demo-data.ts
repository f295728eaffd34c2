import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { parsePlanFile } from '@app/domain';
import { DEMO_ORG } from '@app/domain/units/demo-org';
import { dataSourceOptions, DEMO_EMAIL_DOMAIN, DEMO_PEOPLE, SeedReport, seedMissingPasswords, seedOrganization } from '@app/persistence';
import { importPlan, loadUnitDirectory, PlanImportReport, provisionAdHocTask, TaskWorkflowStarter } from '@app/temporal';

/** Seed 003 (Kế hoạch CCHC 2023 of Sở Nội vụ Bình Định), kept in the repo as the sample plan. */
export const SAMPLE_PLAN_FILE = join(__dirname, '..', 'sample-data', 'plan-003-snv-binh-dinh-2023.txt');

/**
 * The development password of the demo people, set in demo mode only (`npm start`, or
 * `DEMO_MODE=true npm run seed`) and only for users who have none yet. Never in production.
 */
export const DEMO_PASSWORD = 'demo1234';

/** A first task so a new user sees a live workflow at once (the sample plan comes with plan import). */
export const DEMO_WELCOME_TASK = {
  organizationCode: DEMO_ORG.organizationCode,
  taskKey: 'welcome-directory-review',
  title: 'Rà soát danh bạ đơn vị và tài khoản người dùng của Sở trên hệ thống',
  ownerUnitCode: 'VP',
  dueOn: null,
};

export function demoOrganizationSeed() {
  return {
    code: DEMO_ORG.organizationCode,
    name: DEMO_ORG.organizationName,
    units: DEMO_ORG.units,
    people: DEMO_PEOPLE,
    emailDomain: DEMO_EMAIL_DOMAIN,
  };
}

/**
 * Loads the demo organization and starts the welcome task; safe to run any number of times. In
 * demo mode the people without a password get {@link DEMO_PASSWORD}.
 */
export async function loadDemoData(opts: {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  demoMode: boolean;
}): Promise<{ seed: SeedReport; passwordsSet: number; welcome: { taskId: string; workflowId: string }; plan: PlanImportReport }> {
  const ds = new DataSource(dataSourceOptions(opts.databaseUrl));
  await ds.initialize();
  const connection = await Connection.connect({ address: opts.temporalAddress });
  try {
    const seed = await seedOrganization(ds, demoOrganizationSeed());
    const passwordsSet = opts.demoMode ? await seedMissingPasswords(ds, { organizationId: seed.organizationId, password: DEMO_PASSWORD }) : 0;
    const starter = new TaskWorkflowStarter(new Client({ connection, namespace: opts.namespace }), opts.taskQueue);
    const welcome = await provisionAdHocTask(ds, starter, DEMO_WELCOME_TASK);
    const content = readFileSync(SAMPLE_PLAN_FILE);
    const parse = await parsePlanFile(
      { fileName: 'plan-003-snv-binh-dinh-2023.txt', content },
      { directory: await loadUnitDirectory(ds, DEMO_ORG.organizationCode) },
    );
    const plan = await importPlan(ds, starter, { organizationCode: DEMO_ORG.organizationCode, fileName: 'plan-003-snv-binh-dinh-2023.txt', content, parse });
    return { seed, passwordsSet, welcome, plan };
  } finally {
    await connection.close();
    await ds.destroy();
  }
}
