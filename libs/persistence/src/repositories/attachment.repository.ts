import { DataSource, EntityManager } from 'typeorm';

/**
 * Task attachments' rows (`attachments`; the bytes are in the API's AttachmentStorage) and the
 * audit trail's word on a file: whether a submitted report or draft holds it.
 */

type Db = DataSource | EntityManager;

export interface AttachmentRow {
  id: string;
  task_id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: Date;
  storage_key: string;
}

const COLUMNS = 'a.id, a.task_id, a.name, a.content_type, a.size, a.sha256, a.uploaded_by, a.created_at, a.storage_key';

export interface NewAttachment {
  id: string;
  organizationId: string;
  taskId: string;
  uploadedBy: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
}

export async function insertAttachment(db: Db, a: NewAttachment): Promise<AttachmentRow> {
  const [row]: AttachmentRow[] = await db.query(
    `INSERT INTO attachments AS a (id, organization_id, task_id, uploaded_by, name, content_type, size, sha256, storage_key)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING ${COLUMNS}`,
    [a.id, a.organizationId, a.taskId, a.uploadedBy, a.name, a.contentType, a.size, a.sha256, a.storageKey],
  );
  return row;
}

export async function deleteAttachment(db: Db, id: string): Promise<void> {
  await db.query(`DELETE FROM attachments WHERE id = $1`, [id]);
}

/** The attachment if it is one of the task's. */
export async function findTaskAttachment(db: Db, taskId: string, fileId: string): Promise<AttachmentRow | null> {
  const [row]: AttachmentRow[] = await db.query(`SELECT ${COLUMNS} FROM attachments a WHERE a.id = $1 AND a.task_id = $2`, [fileId, taskId]);
  return row ?? null;
}

/** The attachment if it belongs to the organization (another organization's does not exist for it). */
export async function findOrganizationAttachment(db: Db, organizationId: string, id: string): Promise<AttachmentRow | null> {
  const [row]: AttachmentRow[] = await db.query(`SELECT ${COLUMNS} FROM attachments a WHERE a.id = $1 AND a.organization_id = $2`, [id, organizationId]);
  return row ?? null;
}

/** The task's attachments, oldest first. */
export async function listTaskAttachments(db: Db, taskId: string): Promise<AttachmentRow[]> {
  return db.query(`SELECT ${COLUMNS} FROM attachments a WHERE a.task_id = $1 ORDER BY a.created_at, a.id`, [taskId]);
}

/**
 * The audit trail holds the file in a submitted report, or in the draft as it was submitted (the
 * latest DRAFT_SAVED before one of `submissionTypes`, the events that submit a draft).
 */
export async function attachmentReferencedBySubmission(db: Db, taskId: string, fileId: string, submissionTypes: readonly string[]): Promise<boolean> {
  const ref = JSON.stringify([{ fileId }]);
  const [{ used }]: Array<{ used: boolean }> = await db.query(
    `SELECT EXISTS (SELECT 1 FROM task_events r WHERE r.task_id = $1 AND r.type = 'REPORT_SUBMITTED' AND r.payload->'attachments' @> $2::jsonb)
           OR EXISTS (SELECT 1 FROM task_events s
                      CROSS JOIN LATERAL (SELECT d.payload FROM task_events d WHERE d.task_id = s.task_id AND d.type = 'DRAFT_SAVED' AND d.version < s.version
                                          ORDER BY d.version DESC LIMIT 1) d
                      WHERE s.task_id = $1 AND s.type = ANY($3::text[]) AND d.payload->'attachments' @> $2::jsonb) AS used`,
    [taskId, ref, submissionTypes],
  );
  return used;
}
