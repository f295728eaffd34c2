import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Self-service administration (issue 21): units can be deactivated, account mails (invitations,
 * resets) go through the e-mail outbox without a notification, one-time password links, the
 * administration audit, and directory spreadsheet imports. Existing rows stay as they are: every
 * unit is active, every queued mail keeps its notification.
 */
export class SelfServiceAdmin1765210000000 implements MigrationInterface {
  name = 'SelfServiceAdmin1765210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "units" ADD "is_active" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "email_outbox" ALTER COLUMN "notification_id" DROP NOT NULL`);

    await queryRunner.query(
      `CREATE TABLE "account_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" text NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_account_tokens_purpose" CHECK ("purpose" IN ('invitation', 'reset')), CONSTRAINT "pk_account_tokens" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_account_tokens_token_hash" ON "account_tokens" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_account_tokens_user" ON "account_tokens" ("user_id")`);
    await queryRunner.query(
      `ALTER TABLE "account_tokens" ADD CONSTRAINT "fk_account_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE TABLE "admin_audit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "actor_user_id" uuid, "action" text NOT NULL, "target_type" text NOT NULL, "target_id" text, "before" jsonb, "after" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_admin_audit" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_admin_audit_org_created" ON "admin_audit" ("organization_id", "created_at" DESC, "id" DESC)`);
    await queryRunner.query(
      `ALTER TABLE "admin_audit" ADD CONSTRAINT "fk_admin_audit_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "admin_audit" ADD CONSTRAINT "fk_admin_audit_actor" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE TABLE "directory_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "uploaded_by" uuid, "file_name" text NOT NULL, "sha256" text NOT NULL, "rows" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'preview', "result" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "confirmed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_directory_imports_status" CHECK ("status" IN ('preview', 'confirmed', 'discarded')), CONSTRAINT "pk_directory_imports" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_directory_imports_org" ON "directory_imports" ("organization_id", "created_at")`);
    await queryRunner.query(
      `ALTER TABLE "directory_imports" ADD CONSTRAINT "fk_directory_imports_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "directory_imports" ADD CONSTRAINT "fk_directory_imports_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "directory_imports"`);
    await queryRunner.query(`DROP TABLE "admin_audit"`);
    await queryRunner.query(`DROP TABLE "account_tokens"`);
    // Account mails have no notification: they go with the column's constraint.
    await queryRunner.query(`DELETE FROM "email_outbox" WHERE "notification_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "email_outbox" ALTER COLUMN "notification_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "units" DROP COLUMN "is_active"`);
  }
}
