import { DataSource } from 'typeorm';
import { TaskNotifier } from '@app/persistence';
import { EVENT_RULES } from '@app/workflows/task-lifecycle/actions';
import { NotifyRole, TASK_EVENT_TYPES, TaskEventType } from '@app/workflows/task-lifecycle/events';
import type { Actor, RecordEventInput } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { TaskReadModelActivities } from '../../apps/worker/src/activities/task-read-model.activities';
import { openDataSource, seedTestOrganization, uniqueSuffix } from '../support/stack';

/**
 * The notification matrix (issue 15): every event type of the union × the recipients the action
 * registry declares for it (EVENT_RULES), recorded through the real read-model activity and fan-out
 * on Postgres with the demo organization. The people behind each role word are written here by hand
 * from DEMO_ORG.md (a task led by CCHC, deputy A's; TCBC asked for its opinion; reassigned from
 * TTRA; Văn phòng Sở is the monitor), so the matrix checks the registry against the organization, not
 * against itself.
 */
const PEOPLE_OF: Record<NotifyRole, string[]> = {
  leadUnitOfficer: ['cchc.chuyenvien'],
  leadUnitHead: ['cchc.truongphong'],
  previousLeadUnitHead: ['ttra.truongphong'],
  monitor: ['vp.chuyenvien', 'vp.truongphong'],
  deputyInCharge: ['pgd.a'],
  approver: ['pgd.a'],
  director: ['giamdoc'],
  reviewUnitHead: ['tcbc.truongphong'],
  reviewUnitOfficer: ['tcbc.chuyenvien'],
  // The task waits on its lead unit (awaiting_kind lead_unit) in this matrix.
  waitedOn: ['cchc.chuyenvien', 'cchc.truongphong'],
  // The people an ASSIGNED payload names (the matrix's payload below): the officer given the task
  // and the one named before (any active person of the organization the payload names).
  assignee: ['cchc.chuyenvien'],
  previousAssignee: ['ttra.chuyenvien'],
};

const expectedOf = (type: TaskEventType): string[] =>
  [...new Set((EVENT_RULES[type].recipients as readonly NotifyRole[]).flatMap((r) => PEOPLE_OF[r]))].sort();

describe('notification matrix: every event type × its declared recipients', () => {
  let ds: DataSource;
  let activities: TaskReadModelActivities;
  let org: { code: string; organizationId: string };
  let prefix: string;
  const unit: Record<string, string> = {};
  const user: Record<string, string> = {};
  let taskId: string;
  let version = 0;

  beforeAll(async () => {
    ds = await openDataSource();
    activities = new TaskReadModelActivities(ds, new TaskNotifier({ publicUrl: 'https://planflow.example' }));
    org = await seedTestOrganization(ds);
    await seedTestOrganization(ds); // another organization: its people must never be told
    prefix = org.code.toLowerCase();
    for (const u of await ds.query(`SELECT code, id FROM units WHERE organization_id = $1`, [org.organizationId])) unit[u.code] = u.id;
    for (const u of await ds.query(`SELECT username, id FROM users WHERE organization_id = $1`, [org.organizationId])) {
      user[u.username.slice(prefix.length + 1)] = u.id;
    }
    const [row] = await ds.query(
      `INSERT INTO tasks (organization_id, title, owner_unit_id, state, status_word, due_on, workflow_id, pending_review_unit_ids, awaiting_kind)
       VALUES ($1, 'Rà soát quy trình nội bộ giải quyết thủ tục hành chính', $2, 'DRAFTING', 'OPEN_ON_TIME', '2030-03-31', $3, ARRAY[$4::uuid], 'lead_unit') RETURNING id`,
      [org.organizationId, unit.CCHC, `matrix-${uniqueSuffix()}`, unit.TCBC],
    );
    taskId = row.id;
  });
  afterAll(async () => ds?.destroy());

  const record = async (type: TaskEventType, actor: Actor | null = null): Promise<string[]> => {
    version += 1;
    const key = `${type}:${uniqueSuffix()}`;
    const input: RecordEventInput = {
      taskId,
      organizationId: org.organizationId,
      workflowId: `wf-${taskId}`,
      eventKey: key,
      type,
      actor,
      fromState: 'DRAFTING',
      toState: 'DRAFTING',
      version,
      dueOn: '2030-03-31',
      occurredAt: new Date().toISOString(),
      payload:
        type === 'REASSIGNED'
          ? { from: { unitId: unit.TTRA, unitCode: 'TTRA' }, to: { unitId: unit.CCHC, unitCode: 'CCHC' }, reason: 'Đúng chức năng' }
          : type === 'ASSIGNED'
            ? { assigneeUserId: user['cchc.chuyenvien'], assigneeName: 'Chuyên viên CCHC', previousAssigneeUserId: user['ttra.chuyenvien'], note: null }
            : {},
    };
    expect(await activities.recordTaskEvent(input)).toEqual({ applied: true });
    const rows: Array<{ username: string; title: string }> = await ds.query(
      `SELECT u.username, n.title FROM notifications n JOIN users u ON u.id = n.user_id JOIN task_events e ON e.id = n.task_event_id
       WHERE e.task_id = $1 AND e.event_key = $2 ORDER BY u.username`,
      [taskId, key],
    );
    for (const r of rows) expect(r.title).not.toBe('Thông báo về nhiệm vụ'); // every told event has its own words
    return rows.map((r) => r.username.slice(prefix.length + 1));
  };

  it('has a rule for every event type, and most hand-offs tell somebody', () => {
    expect(Object.keys(EVENT_RULES).sort()).toEqual([...TASK_EVENT_TYPES].sort());
    const silent = TASK_EVENT_TYPES.filter((t) => !EVENT_RULES[t].recipients.length);
    expect(silent.sort()).toEqual(['ATTACHMENT_REMOVED', 'ATTACHMENT_UPLOADED', 'COMMENTED', 'COORDINATING_UNITS_NAMED', 'CREATED', 'DRAFT_SAVED', 'GROUP_CANCEL_REQUESTED', 'UNIT_TASK_FINISHED']);
  });

  it.each(TASK_EVENT_TYPES.map((t) => [t, expectedOf(t).join(', ') || 'nobody'] as const))('%s → %s', async (type) => {
    expect(await record(type)).toEqual(expectedOf(type));
  });

  it('never tells the person who acted, and says who did it', async () => {
    const head: Actor = { userId: user['cchc.truongphong'], unitId: unit.CCHC, roles: ['unitHead'], organizationId: org.organizationId };
    expect(await record('RETURNED', head)).toEqual(['cchc.chuyenvien']);
    const [note] = await ds.query(`SELECT body FROM notifications WHERE task_id = $1 AND type = 'RETURNED' ORDER BY created_at DESC LIMIT 1`, [taskId]);
    expect(note.body).toMatch(/^Trưởng phòng .+ đã trả lại nhiệm vụ/);
  });
});
