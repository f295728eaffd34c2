import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { assertCalendarYear } from '@app/persistence';
import { findLeadUnitOfficer, findTaskOwnerUnitId, grantInForce, grantScopeRefusal } from '@app/persistence';
import { TaskCommands } from '@app/temporal';
import { ACTIONS } from '@app/workflows/task-lifecycle/actions';
import { ATTACHMENT } from '@app/workflows/task-lifecycle/actions/fields';
import type { Actor, AssigneeRef, Attachment, TaskAction, UnitRef } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { organizationOf } from '../common/actor-organization';
import { actionFingerprint, bindIdempotencyKey } from './idempotency-keys';
import { ActionHeaders, expectedVersionOf, workflowIdempotencyKey } from './task-action.headers';
import { ActionBodyDto, TaskActionResultDto } from './task-action.dto';
import { TaskQueryService } from './task-query.service';

/** What a group-led row (workflow groupTask) accepts; everything else is done on each unit's own task. */
export const GROUP_TASK_ACTIONS: readonly TaskAction[] = ['cancel', 'recordTrigger'];

/**
 * `POST /tasks/:id/<action>`: one Workflow Update per action. The API checks what only it can
 * (the caller may see the task, the task is of a kind that has the action, the headers, unit codes
 * of the caller's organization) and hands the rest to the workflow, whose validator is the last
 * word: its refusal comes back as a DomainError with its code and Vietnamese message.
 */
@Injectable()
export class TaskActionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: TaskCommands,
    private readonly queries: TaskQueryService,
  ) {}

  async run(actor: Actor, taskId: string, action: TaskAction, body: ActionBodyDto, headers: ActionHeaders): Promise<TaskActionResultDto> {
    const idempotencyKey = workflowIdempotencyKey(actor.userId, headers.idempotencyKey);
    const { expectedVersion: bodyVersion, ...fields } = body as ActionBodyDto & Record<string, unknown>;
    const expectedVersion = expectedVersionOf(headers.ifMatch, bodyVersion);
    assertCountableDates(action, fields);
    const task = await this.queries.accessible(actor, taskId);
    assertGroupAction(task.isGroup, action);
    if (actor.onBehalfOfUserId) await this.checkGrantScope(actor, taskId, action);
    const input = await this.workflowInput(actor, taskId, action, fields);
    if (headers.idempotencyKey !== undefined) {
      const fingerprint = actionFingerprint({ taskId, action, body: body as unknown as Record<string, unknown>, expectedVersion, onBehalfOfUserId: actor.onBehalfOfUserId });
      await bindIdempotencyKey(this.dataSource, actor.userId, headers.idempotencyKey, fingerprint, `POST /tasks/${taskId}/${action}`);
    }
    const snapshot = await this.commands.execute(task.workflowId, action, {
      ...input,
      actor,
      idempotencyKey,
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    });
    // The update answered after its events reached Postgres: the detail is the task after the action.
    const detail = await this.queries.detail(actor, taskId).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'TASK_ACCESS_DENIED') return null; // e.g. reassigned out of the caller's sight
      throw err;
    });
    return { action, version: detail?.version ?? snapshot.version, snapshot, task: detail };
  }

  /**
   * "KT.": the grant the guard found in force (loadActor) may be limited to some actions or the
   * tasks of some lead units; outside them the deputy does not sign for the director (403).
   */
  async checkGrantScope(actor: Actor, taskId: string, action: TaskAction): Promise<void> {
    const grant = await grantInForce(this.dataSource, actor.userId, actor.onBehalfOfUserId!);
    const ownerUnitId = await findTaskOwnerUnitId(this.dataSource, taskId);
    const refusal = grant ? grantScopeRefusal(grant, action, ownerUnitId) : 'Ủy quyền ký thay (KT.) không còn hiệu lực.';
    if (refusal) throw new DomainError('DELEGATION_NOT_GRANTED', refusal, { action, ...(grant ? { grantId: grant.id } : {}) });
  }

  /**
   * The body as the workflow's input, by the kinds of the action's fields (the registry): the
   * attachments are the task's own rows, unit codes become the organization's units and a person's
   * id the lead unit's officer, under the input's name for them (`as`).
   */
  private async workflowInput(actor: Actor, taskId: string, action: TaskAction, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
    const input: Record<string, unknown> = { ...fields };
    for (const [key, spec] of Object.entries(ACTIONS[action].fields)) {
      const value = fields[key];
      if (value === undefined) continue;
      switch (spec.kind) {
        case 'objects':
          if (spec.of === ATTACHMENT && Array.isArray(value)) input[key] = await this.attachmentsOf(taskId, value as Attachment[]);
          break;
        case 'unitCodes':
          delete input[key];
          input[spec.as] = await this.unitsOf(actor, value as string[]);
          break;
        case 'unitCode': {
          delete input[key];
          const [unit] = await this.unitsOf(actor, [value as string]);
          input[spec.as] = unit;
          break;
        }
        case 'officer':
          delete input[key];
          input[spec.as] = await this.assigneeOf(actor, taskId, value as string);
          break;
        default:
          break;
      }
    }
    return input;
  }

  /**
   * The attachments a draft or report references, as uploaded to this very task: an id that is not
   * one of its attachments is refused, and name, size and SHA-256 are the stored ones, not the body's.
   */
  private async attachmentsOf(taskId: string, given: readonly Attachment[]): Promise<Attachment[]> {
    if (!given.length) return [];
    const ids = given.map((a) => a.fileId);
    const rows: Array<{ id: string; name: string; sha256: string; size: number }> = await this.dataSource.query(
      `SELECT id::text, name, sha256, size FROM attachments WHERE task_id = $1 AND id::text = ANY($2::text[])`,
      [taskId, ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const foreign = ids.filter((id) => !byId.has(id));
    if (foreign.length) {
      throw new DomainError('ATTACHMENT_NOT_OF_TASK', 'Tệp đính kèm không thuộc nhiệm vụ này; vui lòng tải tệp lên nhiệm vụ trước khi đính kèm.', { fileIds: foreign });
    }
    return [...new Set(ids)].map((id) => {
      const r = byId.get(id)!;
      return { fileId: r.id, name: r.name, sha256: r.sha256, size: Number(r.size) };
    });
  }

  /**
   * Giao cho cán bộ: the person named is an active officer of the task's lead unit, in Postgres now;
   * the workflow gets that unit-checked ref (and checks the unit against its own lead unit).
   */
  private async assigneeOf(actor: Actor, taskId: string, userId: string): Promise<AssigneeRef> {
    const row = await findLeadUnitOfficer(this.dataSource, organizationOf(actor), taskId, userId);
    if (!row) {
      throw new DomainError('ASSIGNEE_INVALID', 'Người được giao phải là cán bộ đang làm việc của đơn vị chủ trì nhiệm vụ.', { assigneeUserId: userId });
    }
    return { userId: row.id, unitId: row.unit_id, fullName: row.full_name };
  }

  private async unitsOf(actor: Actor, codes: string[]): Promise<UnitRef[]> {
    if (!codes.length) return [];
    const rows: Array<{ id: string; code: string }> = await this.dataSource.query(
      `SELECT id, code FROM units WHERE organization_id = $1 AND code = ANY($2::text[])`,
      [actor.organizationId, codes],
    );
    const byCode = new Map(rows.map((r) => [r.code, r.id]));
    const unknown = codes.filter((c) => !byCode.has(c));
    if (unknown.length) {
      throw new DomainError('UNIT_NOT_FOUND', `Không tìm thấy đơn vị: ${unknown.join(', ')}.`, { unitCodes: unknown });
    }
    return codes.map((code) => ({ unitId: byCode.get(code)!, unitCode: code }));
  }
}

/** A group-led row takes only GROUP_TASK_ACTIONS: the rest is done on each unit's own task (422 ACTION_NOT_SUPPORTED). */
export function assertGroupAction(isGroup: boolean, action: TaskAction): void {
  if (isGroup && !GROUP_TASK_ACTIONS.includes(action)) {
    throw new DomainError(
      'ACTION_NOT_SUPPORTED',
      'Nhiệm vụ do nhiều đơn vị chủ trì chỉ có thể hủy hoặc ghi nhận sự kiện; các thao tác khác thực hiện trên nhiệm vụ của từng đơn vị.',
      { action, allowed: GROUP_TASK_ACTIONS },
    );
  }
}

/**
 * A date field of the action (a new due date of an extension or a reassignment, an event date) in
 * a year the working calendar cannot count is refused here, 422 CALENDAR_YEAR_UNSUPPORTED naming the year: never handed to a
 * workflow whose first timer would fail on it.
 */
function assertCountableDates(action: TaskAction, fields: Record<string, unknown>): void {
  for (const [key, spec] of Object.entries(ACTIONS[action].fields)) {
    const value = fields[key];
    if (spec.kind === 'date' && typeof value === 'string' && /^\d{4}-/.test(value)) assertCalendarYear(Number(value.slice(0, 4)));
  }
}
