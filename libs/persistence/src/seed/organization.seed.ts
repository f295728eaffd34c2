import { DataSource, EntityManager } from 'typeorm';
import type { DemoPerson } from './demo-people';

export interface OrganizationSeed {
  code: string;
  name: string;
  units: ReadonlyArray<{ code: string; name: string; kind: 'internal' | 'affiliated'; aliases: readonly string[] }>;
  people: readonly DemoPerson[];
  settings?: Record<string, unknown>;
  /**
   * People without an e-mail address get `<username>@<emailDomain>` (the demo organization). An
   * address already stored is kept: somebody may have corrected it.
   */
  emailDomain?: string;
}

export interface SeedReport {
  organizationId: string;
  units: number;
  users: number;
  portfolios: number;
}

/**
 * Loads an organization, its units, people and deputy portfolios. Idempotent: every row is an
 * upsert on its business key, so running it again changes nothing (and repairs drift in names).
 * Passwords are never set here; authentication provisioning owns them.
 */
export async function seedOrganization(dataSource: DataSource, seed: OrganizationSeed): Promise<SeedReport> {
  return dataSource.transaction(async (tx: EntityManager) => {
    const [org] = await tx.query(
      `INSERT INTO organizations (code, name, settings) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
       RETURNING id`,
      [seed.code, seed.name, JSON.stringify(seed.settings ?? {})],
    );
    const organizationId: string = org.id;

    const unitIds = new Map<string, string>();
    for (const unit of seed.units) {
      const [row] = await tx.query(
        `INSERT INTO units (organization_id, code, name, kind, aliases) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organization_id, code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, aliases = EXCLUDED.aliases
         RETURNING id`,
        [organizationId, unit.code, unit.name, unit.kind, [...unit.aliases]],
      );
      unitIds.set(unit.code, row.id);
    }

    let portfolios = 0;
    for (const person of seed.people) {
      const unitId = person.unitCode ? unitIds.get(person.unitCode) : null;
      if (person.unitCode && !unitId) throw new Error(`seed: person ${person.username} names unknown unit ${person.unitCode}`);
      const username = person.username.toLowerCase();
      const email = seed.emailDomain ? `${username}@${seed.emailDomain}` : null;
      const [user] = await tx.query(
        `INSERT INTO users (organization_id, username, full_name, title, unit_id, roles, email) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (username) DO UPDATE SET full_name = EXCLUDED.full_name, title = EXCLUDED.title,
           unit_id = EXCLUDED.unit_id, roles = EXCLUDED.roles, email = coalesce(users.email, EXCLUDED.email)
         RETURNING id`,
        [organizationId, username, person.fullName, person.title, unitId ?? null, person.roles, email],
      );
      for (const code of person.portfolio ?? []) {
        const portfolioUnit = unitIds.get(code);
        if (!portfolioUnit) throw new Error(`seed: portfolio of ${person.username} names unknown unit ${code}`);
        await tx.query(
          `INSERT INTO deputy_portfolios (user_id, unit_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [user.id, portfolioUnit],
        );
        portfolios += 1;
      }
    }
    return { organizationId, units: seed.units.length, users: seed.people.length, portfolios };
  });
}
