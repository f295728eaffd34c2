import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { statusWordOf, TaskState } from '@app/domain';
import type { RecordEventInput, TaskActivities } from '@app/workflows/task-lifecycle/task-lifecycle.contract';

/** Today in Asia/Ho_Chi_Minh as an ISO calendar date. */
function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

/**
 * Writes the workflow's transitions into the read model. Idempotent by construction: the event
 * insert is keyed by (task, event_key) and the task row only moves forward in `version`, so an
 * activity retried after a crash changes nothing the second time.
 */
@Injectable()
export class TaskReadModelActivities implements TaskActivities {
  constructor(private readonly dataSource: DataSource) {}

  async recordTaskEvent(input: RecordEventInput): Promise<{ applied: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const inserted: Array<{ id: string }> = await tx.query(
        `INSERT INTO task_events (organization_id, task_id, workflow_id, event_key, type, actor_user_id, actor_unit_id,
                                  actor_role, on_behalf_of_user_id, from_state, to_state, payload, occurred_at, version)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
         ON CONFLICT (task_id, event_key) DO NOTHING
         RETURNING id`,
        [
          input.organizationId,
          input.taskId,
          input.workflowId,
          input.eventKey,
          input.type,
          input.actor?.userId ?? null,
          input.actor?.unitId ?? null,
          input.actor?.roles?.join(',') ?? null,
          input.actor?.onBehalfOfUserId ?? null,
          input.fromState,
          input.toState,
          JSON.stringify(input.payload ?? {}),
          input.occurredAt,
          input.version,
        ],
      );
      if (input.toState) {
        const statusWord = statusWordOf({ state: input.toState as TaskState, dueOn: input.dueOn, today: todayInVietnam() });
        await tx.query(
          `UPDATE tasks SET state = $2, status_word = $3, version = $4, last_activity_at = $5, updated_at = now()
           WHERE id = $1 AND version < $4`,
          [input.taskId, input.toState, statusWord, input.version, input.occurredAt],
        );
      }
      return { applied: inserted.length > 0 };
    });
  }
}
