import { DataSource } from 'typeorm';
import { foldForSearch } from '@app/domain';

/**
 * Many DRAFTING task rows of one organization, all due on `dueOn`, in one INSERT (the read-model
 * rows the workflows then take over). Answers the new task id by workflow id. For the tests and
 * benchmarks that start hundreds of tasks at once.
 */
export async function insertTaskRows(
  ds: DataSource,
  organizationId: string,
  dueOn: string,
  rows: ReadonlyArray<{ title: string; unitId: string; workflowId: string }>,
): Promise<Map<string, string>> {
  const inserted: Array<{ id: string; workflow_id: string }> = await ds.query(
    `INSERT INTO tasks (organization_id, title, search_text, owner_unit_id, state, status_word, due_on, workflow_id)
     SELECT $1, t.title, t.search, t.unit, 'DRAFTING', 'OPEN_ON_TIME', $2, t.wf
     FROM unnest($3::text[], $4::text[], $5::uuid[], $6::text[]) AS t(title, search, unit, wf)
     RETURNING id, workflow_id`,
    [organizationId, dueOn, rows.map((r) => r.title), rows.map((r) => foldForSearch(r.title)), rows.map((r) => r.unitId), rows.map((r) => r.workflowId)],
  );
  return new Map(inserted.map((r) => [r.workflow_id, r.id]));
}
