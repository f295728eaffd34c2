import { DataSource, EntityManager } from 'typeorm';
import { DEPARTMENT_GROUP_PHRASES, DomainError, UnitDirectory } from '@app/domain';

type Db = DataSource | EntityManager;

/** The organization's unit directory as the plan importer and the unit resolver need it. */
export async function loadUnitDirectory(db: Db, organizationCode: string): Promise<UnitDirectory> {
  const [org]: Array<{ id: string; name: string }> = await db.query(`SELECT id, name FROM organizations WHERE code = $1`, [organizationCode]);
  if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND', `Không tìm thấy tổ chức "${organizationCode}".`, { organizationCode });
  const units: Array<{ code: string; name: string; kind: 'internal' | 'affiliated'; aliases: string[] }> = await db.query(
    `SELECT code, name, kind, aliases FROM units WHERE organization_id = $1 ORDER BY code`,
    [org.id],
  );
  return { organizationCode, organizationName: org.name, units, groupPhrases: DEPARTMENT_GROUP_PHRASES };
}

/** The id of the organization with this code, if there is one. */
export async function findOrganizationIdByCode(db: Db, organizationCode: string): Promise<string | undefined> {
  const [org]: Array<{ id: string }> = await db.query(`SELECT id FROM organizations WHERE code = $1`, [organizationCode]);
  return org?.id;
}

/** The id of the organization's unit with this code, if it has one. */
export async function findUnitIdByCode(db: Db, organizationId: string, unitCode: string): Promise<string | undefined> {
  const [unit]: Array<{ id: string }> = await db.query(`SELECT id FROM units WHERE organization_id = $1 AND code = $2`, [organizationId, unitCode]);
  return unit?.id;
}
