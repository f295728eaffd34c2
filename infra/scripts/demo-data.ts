import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { DEMO_ORG } from '@app/domain/units/demo-org';
import { dataSourceOptions, DEMO_PEOPLE, SeedReport, seedOrganization } from '@app/persistence';
import { provisionAdHocTask, TaskWorkflowStarter } from '@app/temporal';

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
  };
}

/** Loads the demo organization and starts the welcome task; safe to run any number of times. */
export async function loadDemoData(opts: {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
}): Promise<{ seed: SeedReport; welcome: { taskId: string; workflowId: string } }> {
  const ds = new DataSource(dataSourceOptions(opts.databaseUrl));
  await ds.initialize();
  const connection = await Connection.connect({ address: opts.temporalAddress });
  try {
    const seed = await seedOrganization(ds, demoOrganizationSeed());
    const starter = new TaskWorkflowStarter(new Client({ connection, namespace: opts.namespace }), opts.taskQueue);
    const welcome = await provisionAdHocTask(ds, starter, DEMO_WELCOME_TASK);
    return { seed, welcome };
  } finally {
    await connection.close();
    await ds.destroy();
  }
}
