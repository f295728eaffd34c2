import { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

export interface AdminAuditInput {
  organizationId: string;
  /** The administrator; null for the operator's command line. */
  actorUserId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** One line of the administration audit, in the caller's transaction (the change and its line commit together). */
export async function recordAdminAudit(db: Db, e: AdminAuditInput): Promise<void> {
  await db.query(
    // clock_timestamp(), not now(): the lines of one transaction (an import) keep their order.
    `INSERT INTO admin_audit (organization_id, actor_user_id, action, target_type, target_id, before, after, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp())`,
    [e.organizationId, e.actorUserId, e.action, e.targetType, e.targetId, e.before ? JSON.stringify(e.before) : null, e.after ? JSON.stringify(e.after) : null],
  );
}

export interface AdminAuditRow {
  id: string;
  createdAt: string;
  action: string;
  targetType: string;
  targetId: string | null;
  actor: { userId: string; username: string; fullName: string } | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The organization's administration audit, newest first, keyset-paginated on (created_at, id). */
export async function listAdminAudit(
  db: Db,
  organizationId: string,
  page: { limit: number; after?: { createdAt: string; id: string } },
): Promise<{ items: AdminAuditRow[]; next: { createdAt: string; id: string } | null }> {
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT a.id, to_json(a.created_at) #>> '{}' AS created_at, a.action, a.target_type, a.target_id, a.before, a.after,
            u.id AS actor_id, u.username AS actor_username, u.full_name AS actor_name
     FROM admin_audit a LEFT JOIN users u ON u.id = a.actor_user_id
     WHERE a.organization_id = $1
       AND ($2::timestamptz IS NULL OR (a.created_at, a.id) < ($2::timestamptz, $3::uuid))
     ORDER BY a.created_at DESC, a.id DESC
     LIMIT $4`,
    [organizationId, page.after?.createdAt ?? null, page.after?.id ?? null, page.limit + 1],
  );
  const items = rows.slice(0, page.limit).map((r) => ({
    id: r.id as string,
    createdAt: r.created_at as string,
    action: r.action as string,
    targetType: r.target_type as string,
    targetId: (r.target_id as string | null) ?? null,
    actor: r.actor_id ? { userId: r.actor_id as string, username: r.actor_username as string, fullName: r.actor_name as string } : null,
    before: (r.before as Record<string, unknown> | null) ?? null,
    after: (r.after as Record<string, unknown> | null) ?? null,
  }));
  const last = items[items.length - 1];
  return { items, next: rows.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}
