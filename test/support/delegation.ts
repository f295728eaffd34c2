import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate } from '@app/domain';

/**
 * A recorded grant of "KT. Giám đốc" for a test organization (as POST /delegations stores it,
 * test/api/delegations.e2e-spec.ts covers that path): since issue 17 nobody signs for the director
 * without one. Default period: from 30 days ago to 30 days ahead (Vietnam). Returns the grant id.
 */
export async function grantKt(
  ds: DataSource | EntityManager,
  orgCode: string,
  deputy: string,
  opts: { principal?: string; startsOn?: string; endsOn?: string; unitCodes?: string[]; actions?: string[] } = {},
): Promise<string> {
  const prefix = orgCode.toLowerCase();
  const today = CalendarDate.fromInstant(Date.now());
  const [row] = await ds.query(
    `INSERT INTO delegation_grants (organization_id, principal_user_id, deputy_user_id, starts_on, ends_on, unit_ids, actions, note, created_by)
     SELECT p.organization_id, p.id, d.id, $3, $4,
            (SELECT array_agg(u.id) FROM units u WHERE u.organization_id = p.organization_id AND u.code = ANY($5::text[])), $6::text[], 'test fixture', p.id
     FROM users p, users d WHERE p.username = $1 AND d.username = $2
     RETURNING id`,
    [
      `${prefix}.${opts.principal ?? 'giamdoc'}`,
      `${prefix}.${deputy}`,
      opts.startsOn ?? CalendarDate.addDays(today, -30),
      opts.endsOn ?? CalendarDate.addDays(today, 30),
      opts.unitCodes ?? null,
      opts.actions ?? null,
    ],
  );
  if (!row) throw new Error(`no ${prefix}.${opts.principal ?? 'giamdoc'} or ${prefix}.${deputy}`);
  return row.id;
}
