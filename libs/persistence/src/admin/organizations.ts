import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { recordAdminAudit } from './admin-audit';
import { createPerson, EMAIL } from './directory';

export const ORGANIZATION_CODE = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;

export interface CreatedOrganization {
  organizationId: string;
  code: string;
  name: string;
  /** False when the code existed: nothing was changed, no mail sent. */
  created: boolean;
  admin: { userId: string; username: string; email: string | null };
  invitationEmailId: string | null;
}

/**
 * An organization and its first administrator, who gets an invitation to choose a password (the
 * operator never learns or sets one). Idempotent on the code: a second run answers the
 * organization as it is and sends nothing.
 */
export async function createOrganization(
  ds: DataSource,
  opts: { code: string; name: string; adminEmail: string; publicUrl: string },
): Promise<CreatedOrganization> {
  const code = opts.code.trim().toUpperCase();
  const name = opts.name.trim();
  if (!ORGANIZATION_CODE.test(code)) throw new DomainError('VALIDATION_FAILED', `Mã cơ quan "${opts.code}" không hợp lệ (chữ in hoa, số, "-", "_"; 2 đến 32 ký tự).`);
  if (!name) throw new DomainError('VALIDATION_FAILED', 'Tên cơ quan không được để trống.');
  if (!EMAIL.test(opts.adminEmail.trim())) throw new DomainError('VALIDATION_FAILED', `Địa chỉ e-mail "${opts.adminEmail}" không hợp lệ.`);
  return ds.transaction(async (tx) => {
    // Two runs at once: the second waits here and then finds the first one's organization.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('org-create:' || $1))`, [code]);
    const [existing] = await tx.query(`SELECT id, code, name FROM organizations WHERE code = $1`, [code]);
    if (existing) {
      const [admin] = await tx.query(
        `SELECT id, username, email FROM users WHERE organization_id = $1 AND 'admin' = ANY(roles) ORDER BY created_at, username LIMIT 1`,
        [existing.id],
      );
      return {
        organizationId: existing.id,
        code: existing.code,
        name: existing.name,
        created: false,
        admin: { userId: admin?.id ?? null, username: admin?.username ?? null, email: admin?.email ?? null },
        invitationEmailId: null,
      };
    }
    const [org] = await tx.query(`INSERT INTO organizations (code, name, settings) VALUES ($1, $2, '{}') RETURNING id`, [code, name]);
    await recordAdminAudit(tx, { organizationId: org.id, actorUserId: null, action: 'organization.create', targetType: 'organization', targetId: code, after: { code, name } });
    const username = `admin.${code.toLowerCase()}`;
    const { person, invitationEmailId } = await createPerson(
      tx,
      { organizationId: org.id, actorUserId: null, publicUrl: opts.publicUrl },
      { username, fullName: 'Quản trị hệ thống', title: 'Quản trị hệ thống', email: opts.adminEmail, unitCode: null, roles: ['admin'], portfolioUnitCodes: [] },
    );
    return { organizationId: org.id, code, name, created: true, admin: { userId: person.id, username, email: person.email }, invitationEmailId };
  });
}
