import { DataSource } from 'typeorm';
import { DomainError, parsePlanFile } from '@app/domain';
import { readSamplePlanText } from '@app/domain/plan-import/testing/appendix-fixtures';
import { loadActor } from '@app/persistence';
import { importPlan, loadUnitDirectory, PlanImportReport, TaskCommands } from '@app/temporal';
import type { Actor, TaskAction, TaskSnapshot } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { maybeRecordHistory, StackContext } from '../support/stack';
import { grantKt } from '../support/delegation';

/** Seed 003 as written (plan year 2023, so every date is past) or moved to another year. */
export function seedPlanText(year = 2023): string {
  return year === 2023 ? readSamplePlanText() : readSamplePlanText().replaceAll('2023', String(year));
}

export async function importSeedPlan(stack: StackContext, year = 2023): Promise<PlanImportReport> {
  const text = seedPlanText(year);
  const parse = await parsePlanFile(
    { fileName: `ke-hoach-${year}.txt`, content: Buffer.from(text) },
    { directory: await loadUnitDirectory(stack.ds, stack.org.code) },
  );
  if (parse.errors.length) throw new Error(`seed plan ${year} has errors: ${JSON.stringify(parse.errors)}`);
  return importPlan(stack.ds, stack.starter, { organizationCode: stack.org.code, fileName: `ke-hoach-${year}.txt`, content: Buffer.from(text), parse });
}

export interface TaskRow {
  id: string;
  state: string;
  status_word: string;
  version: number;
  due_on: string | null;
  extended_due_on: string | null;
  completed_on: string | null;
  owner: string | null;
  pending_review: string[];
  waiting_on: { kind: string; unitIds: string[]; text: string };
  detail: TaskSnapshot;
}

export interface EventRow {
  version: number;
  type: string;
  from_state: string | null;
  to_state: string | null;
  actor_user_id: string | null;
  on_behalf_of_user_id: string | null;
  payload: Record<string, unknown>;
}

/** Drives tasks of one test organization through the real client, as the API will. */
export class LifecycleDriver {
  readonly commands: TaskCommands;
  private n = 0;
  private readonly actors = new Map<string, Actor>();

  constructor(
    private readonly stack: StackContext,
    private readonly plans: Record<string, PlanImportReport> = {},
  ) {
    this.commands = new TaskCommands(stack.client);
  }

  get ds(): DataSource {
    return this.stack.ds;
  }

  addPlan(name: string, report: PlanImportReport): void {
    this.plans[name] = report;
  }

  /** Workflow id of a row ("II.2") of a plan, or of a unit's share of a group row ("III.4/BTG"). */
  wf(plan: string, rowKey: string): string {
    const [row, unit] = rowKey.split('/');
    const id = this.plans[plan].workflowIds.find((w) => w.endsWith(`-row-${row}`));
    if (!id) throw new Error(`no row ${row} in plan ${plan}`);
    return unit ? `${id}/${unit}` : id;
  }

  /** A demo person of this organization ("vp.truongphong", "pgd.a", "giamdoc"); "pgd.b>giamdoc" signs KT. */
  async actor(who: string): Promise<Actor> {
    const cached = this.actors.get(who);
    if (cached) return cached;
    const prefix = this.stack.org.code.toLowerCase();
    const [user, principal] = who.split('>');
    // "KT." only under a recorded grant (issue 17): the harness grants it the first time it is used.
    if (principal) await grantKt(this.ds, this.stack.org.code, user, { principal });
    const actor = await loadActor(this.ds, { username: `${prefix}.${user}` }, principal ? { username: `${prefix}.${principal}` } : undefined);
    this.actors.set(who, actor);
    return actor;
  }

  key(): string {
    this.n += 1;
    return `test-${this.n}`;
  }

  async act(workflowId: string, action: TaskAction, who: string, input: Record<string, unknown> = {}, key = this.key()): Promise<TaskSnapshot> {
    return this.commands.execute(workflowId, action, { actor: await this.actor(who), idempotencyKey: key, ...input });
  }

  /** The refusal an action meets (fails the test when it is accepted). */
  async refused(workflowId: string, action: TaskAction, who: string, input: Record<string, unknown> = {}): Promise<DomainError> {
    try {
      await this.act(workflowId, action, who, input);
    } catch (err) {
      if (err instanceof DomainError) return err;
      throw err;
    }
    throw new Error(`${action} by ${who} was accepted, a refusal was expected`);
  }

  async row(workflowId: string): Promise<TaskRow> {
    const [row] = await this.ds.query(
      `SELECT t.id, t.state, t.status_word, t.version, to_char(t.due_on, 'YYYY-MM-DD') AS due_on,
              to_char(t.extended_due_on, 'YYYY-MM-DD') AS extended_due_on, to_char(t.completed_on, 'YYYY-MM-DD') AS completed_on,
              u.code AS owner,
              ARRAY(SELECT pu.code FROM units pu WHERE pu.id = ANY(t.pending_review_unit_ids) ORDER BY pu.code) AS pending_review,
              t.waiting_on, t.detail
       FROM tasks t LEFT JOIN units u ON u.id = t.owner_unit_id WHERE t.workflow_id = $1`,
      [workflowId],
    );
    if (!row) throw new Error(`no task row for ${workflowId}`);
    return row;
  }

  async events(workflowId: string): Promise<EventRow[]> {
    return this.ds.query(
      `SELECT e.version, e.type, e.from_state, e.to_state, e.actor_user_id, e.on_behalf_of_user_id, e.payload
       FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE t.workflow_id = $1 ORDER BY e.version`,
      [workflowId],
    );
  }

  async types(workflowId: string): Promise<string[]> {
    return (await this.events(workflowId)).map((e) => e.type);
  }

  /** Every coordinating unit still asked gives `opinion` through its head. */
  async allReviewersAgree(workflowId: string): Promise<TaskSnapshot> {
    let snapshot = await this.commands.snapshot(workflowId);
    for (const o of snapshot.review?.opinions.filter((x) => !x.opinion) ?? []) {
      snapshot = await this.act(workflowId, 'review', `${o.unitCode.toLowerCase()}.truongphong`, { opinion: 'agree' });
    }
    return snapshot;
  }

  /** Officer drafts, head submits, reviewers agree: the task waits for its approver. */
  async toApproval(workflowId: string, unitCode: string): Promise<TaskSnapshot> {
    const unit = unitCode.toLowerCase();
    await this.act(workflowId, 'saveDraft', `${unit}.chuyenvien`, { text: 'Dự thảo', attachments: [{ fileId: 'f-1', name: 'du-thao.docx' }], progressPercent: 90 });
    await this.act(workflowId, 'submit', `${unit}.truongphong`);
    return this.allReviewersAgree(workflowId);
  }

  record(workflowId: string, name: string): Promise<void> {
    return maybeRecordHistory(this.stack.client, workflowId, name);
  }
}
