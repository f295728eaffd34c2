import { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** One line of a task's audit trail as the read-model activity writes it. */
export interface NewTaskEventRow {
  organizationId: string;
  taskId: string;
  workflowId: string;
  /** Chosen by the workflow (deterministic): unique per task. */
  eventKey: string;
  type: string;
  actorUserId: string | null;
  actorUnitId: string | null;
  /** The actor's roles, comma-separated. */
  actorRole: string | null;
  onBehalfOfUserId: string | null;
  fromState: string | null;
  toState: string | null;
  payload: Record<string, unknown>;
  /** ISO instant: the workflow's time of the event. */
  occurredAt: string;
  version: number;
}

/** What identifies a stored event's content beyond its key. */
export interface StoredTaskEvent {
  id: string;
  type: string;
  version: number;
}

/**
 * The audit trail (`task_events`): append-only (a trigger refuses UPDATE and DELETE), keyed by
 * (task_id, event_key) so an event written twice is stored once.
 */
export class TaskEventsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts the event unless its (task, event_key) is stored already. Returns the new row's id, or
   * undefined when the key was there (a retry, or another event under the same key).
   */
  async insertOnce(e: NewTaskEventRow): Promise<string | undefined> {
    const inserted: Array<{ id: string }> = await this.db.query(
      `INSERT INTO task_events (organization_id, task_id, workflow_id, event_key, type, actor_user_id, actor_unit_id,
                                actor_role, on_behalf_of_user_id, from_state, to_state, payload, occurred_at, version)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
       ON CONFLICT (task_id, event_key) DO NOTHING
       RETURNING id`,
      [
        e.organizationId,
        e.taskId,
        e.workflowId,
        e.eventKey,
        e.type,
        e.actorUserId,
        e.actorUnitId,
        e.actorRole,
        e.onBehalfOfUserId,
        e.fromState,
        e.toState,
        JSON.stringify(e.payload),
        e.occurredAt,
        e.version,
      ],
    );
    return inserted[0]?.id;
  }

  /** The stored event of a task under that key, if any. */
  async findByKey(taskId: string, eventKey: string): Promise<StoredTaskEvent | undefined> {
    const [row]: StoredTaskEvent[] = await this.db.query(`SELECT id, type, version FROM task_events WHERE task_id = $1 AND event_key = $2`, [
      taskId,
      eventKey,
    ]);
    return row;
  }
}
