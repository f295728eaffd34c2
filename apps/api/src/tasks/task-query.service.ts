import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, STATUS_WORDS, StatusWord } from '@app/domain';
import { ListTasksQuery, TaskDetailDto, TaskPageDto, TaskSummaryDto } from './task.dto';

interface Cursor {
  t: string;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.t !== 'string' || typeof c.id !== 'string' || Number.isNaN(Date.parse(c.t))) throw new Error('shape');
    return c;
  } catch {
    throw new DomainError('INVALID_CURSOR', 'Con trỏ phân trang không hợp lệ.');
  }
}

type TaskRow = Record<string, unknown>;

function toSummary(r: TaskRow): TaskSummaryDto {
  return {
    id: r.id as string,
    workflowId: r.workflow_id as string,
    planId: (r.plan_id as string) ?? null,
    rowKey: (r.row_key as string) ?? null,
    title: r.title as string,
    ownerUnitCode: (r.owner_unit_code as string) ?? null,
    state: r.state as string,
    statusWord: r.status_word as string,
    statusLabel: STATUS_WORDS[r.status_word as StatusWord] ?? (r.status_word as string),
    dueOn: (r.due_on as string) ?? null,
    extendedDueOn: (r.extended_due_on as string) ?? null,
    version: r.version as number,
    lastActivityAt: new Date(r.last_activity_at as string).toISOString(),
  };
}

const SELECT_TASK = `
  SELECT t.id, t.workflow_id, t.plan_id, t.row_key, t.title, u.code AS owner_unit_code, t.state, t.status_word,
         to_char(t.due_on, 'YYYY-MM-DD') AS due_on, to_char(t.extended_due_on, 'YYYY-MM-DD') AS extended_due_on,
         t.version, t.last_activity_at, t.lead_raw, t.coordinating_raw, t.timeline_raw, t.note,
         -- microsecond precision: a JS Date would round it and the next page would repeat rows
         to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_cursor
  FROM tasks t
  JOIN organizations o ON o.id = t.organization_id
  LEFT JOIN units u ON u.id = t.owner_unit_id`;

/** Reads tasks from the Postgres read model (never from Temporal visibility, which lags). */
@Injectable()
export class TaskQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(q: ListTasksQuery): Promise<TaskPageDto> {
    const params: unknown[] = [q.organization];
    const where = ['o.code = $1'];
    if (q.state) {
      params.push(q.state);
      where.push(`t.state = $${params.length}`);
    }
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      params.push(c.t, c.id);
      where.push(`(t.created_at, t.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(q.limit + 1);
    const rows: TaskRow[] = await this.dataSource.query(
      `${SELECT_TASK} WHERE ${where.join(' AND ')} ORDER BY t.created_at, t.id LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummary),
      nextCursor:
        rows.length > q.limit && last ? encodeCursor({ t: last.created_cursor as string, id: last.id as string }) : null,
    };
  }

  async detail(id: string): Promise<TaskDetailDto> {
    const [row]: TaskRow[] = await this.dataSource.query(`${SELECT_TASK} WHERE t.id = $1`, [id]);
    if (!row) throw new DomainError('TASK_NOT_FOUND', 'Không tìm thấy nhiệm vụ.', { id });
    const events: TaskRow[] = await this.dataSource.query(
      `SELECT type, from_state, to_state, actor_user_id, on_behalf_of_user_id, occurred_at, payload
       FROM task_events WHERE task_id = $1 ORDER BY version, id`,
      [id],
    );
    return {
      ...toSummary(row),
      leadRaw: row.lead_raw as string,
      coordinatingRaw: row.coordinating_raw as string,
      timelineRaw: row.timeline_raw as string,
      note: row.note as string,
      history: events.map((e) => ({
        type: e.type as string,
        fromState: (e.from_state as string) ?? null,
        toState: (e.to_state as string) ?? null,
        actorUserId: (e.actor_user_id as string) ?? null,
        onBehalfOfUserId: (e.on_behalf_of_user_id as string) ?? null,
        occurredAt: new Date(e.occurred_at as string).toISOString(),
        payload: e.payload as Record<string, unknown>,
      })),
    };
  }
}
