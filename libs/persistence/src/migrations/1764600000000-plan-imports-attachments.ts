import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploads of the API:
 * - `plan_imports`: a plan file uploaded for import (its bytes, the parse preview, the status
 *   previewed → confirmed | discarded, the plan it made and the answer confirm gave);
 * - `attachments`: files attached to tasks (name, type recognized from the bytes, size, SHA-256,
 *   where the storage keeps the bytes).
 */
export class PlanImportsAttachments1764600000000 implements MigrationInterface {
  name = 'PlanImportsAttachments1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "plan_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "uploaded_by" uuid, "file_name" text NOT NULL, "sha256" text NOT NULL, "size" integer NOT NULL, "content" bytea NOT NULL, "plan_year" integer, "plan_key" text, "parse_result" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'previewed', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "confirmed_at" TIMESTAMP WITH TIME ZONE, "confirmed_by" uuid, "confirm_result" jsonb, "plan_id" uuid, CONSTRAINT "ck_plan_imports_status" CHECK ("status" IN ('previewed', 'confirmed', 'discarded')), CONSTRAINT "PK_16bf07fc4c58298b78d909fd77f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_plan_imports_org_created" ON "plan_imports" ("organization_id", "created_at")`);
    await queryRunner.query(`CREATE TABLE "attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "task_id" uuid NOT NULL, "uploaded_by" uuid, "name" text NOT NULL, "content_type" text NOT NULL, "size" integer NOT NULL, "sha256" text NOT NULL, "storage_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e1f050bcff31e3084a1d662412" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_attachments_task" ON "attachments" ("task_id", "created_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_attachments_storage_key" ON "attachments" ("storage_key")`);
    await queryRunner.query(`ALTER TABLE "plan_imports" ADD CONSTRAINT "FK_772bf81ca9efd24e56efc0f03fc" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_imports" ADD CONSTRAINT "FK_cffa0e1695f505e9fda804f1b65" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_imports" ADD CONSTRAINT "FK_813d22bcc57c24b8fc275588e10" FOREIGN KEY ("confirmed_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_imports" ADD CONSTRAINT "FK_eb63096aea0e954a02b97510dc5" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_4af30039d8c32fe7cd7112229ee" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_e62fd181b97caa6b150b09220b1" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_e25812e3fd9b3f3edf11b2c5d58" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_e25812e3fd9b3f3edf11b2c5d58"`);
    await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_e62fd181b97caa6b150b09220b1"`);
    await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_4af30039d8c32fe7cd7112229ee"`);
    await queryRunner.query(`ALTER TABLE "plan_imports" DROP CONSTRAINT "FK_eb63096aea0e954a02b97510dc5"`);
    await queryRunner.query(`ALTER TABLE "plan_imports" DROP CONSTRAINT "FK_813d22bcc57c24b8fc275588e10"`);
    await queryRunner.query(`ALTER TABLE "plan_imports" DROP CONSTRAINT "FK_cffa0e1695f505e9fda804f1b65"`);
    await queryRunner.query(`ALTER TABLE "plan_imports" DROP CONSTRAINT "FK_772bf81ca9efd24e56efc0f03fc"`);
    await queryRunner.query(`DROP INDEX "public"."uq_attachments_storage_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_attachments_task"`);
    await queryRunner.query(`DROP TABLE "attachments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_plan_imports_org_created"`);
    await queryRunner.query(`DROP TABLE "plan_imports"`);
  }
}
