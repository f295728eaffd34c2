import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "KT. Giám đốc" as a recorded grant (DelegationGrantEntity). Until now any deputy director could
 * sign for the director at any time; after this migration nobody can until the director grants it:
 * no grant is made up for existing deputies (an implicit grant is what issue 17 removes). The
 * events already signed "KT." keep both names (task_events.actor_user_id, on_behalf_of_user_id).
 */
export class DelegationGrants1765170000001 implements MigrationInterface {
  name = 'DelegationGrants1765170000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "delegation_grants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL,
        "principal_user_id" uuid NOT NULL, "deputy_user_id" uuid NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL,
        "unit_ids" uuid array, "actions" text array, "note" text, "created_by" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid,
        CONSTRAINT "pk_delegation_grants" PRIMARY KEY ("id"),
        CONSTRAINT "ck_delegation_grants_period" CHECK ("starts_on" <= "ends_on"),
        CONSTRAINT "ck_delegation_grants_not_self" CHECK ("principal_user_id" <> "deputy_user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_delegation_grants_deputy" ON "delegation_grants" ("deputy_user_id", "ends_on")`);
    await queryRunner.query(`CREATE INDEX "ix_delegation_grants_principal" ON "delegation_grants" ("principal_user_id", "ends_on")`);
    await queryRunner.query(
      `ALTER TABLE "delegation_grants" ADD CONSTRAINT "fk_delegation_grants_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "delegation_grants" ADD CONSTRAINT "fk_delegation_grants_principal" FOREIGN KEY ("principal_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "delegation_grants" ADD CONSTRAINT "fk_delegation_grants_deputy" FOREIGN KEY ("deputy_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "delegation_grants"`);
  }
}
