import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-organization working-day calendar and monthly unit ratings:
 * - `organization_calendar_days`: an organization's own days off and extra working days on top of
 *   the national calendar (one row per organization and day);
 * - `unit_monthly_ratings`: per lead unit and month of the effective due date, the tasks counted by
 *   status word; derived from `tasks`, kept in step by the read-model activity.
 */
export class CalendarsAndRatings1764300000000 implements MigrationInterface {
  name = 'CalendarsAndRatings1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "organization_calendar_days" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "day" date NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "note" text NOT NULL DEFAULT '', "created_by" uuid, "updated_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_organization_calendar_days_kind" CHECK ("kind" IN ('off', 'work')), CONSTRAINT "PK_ee608eaf739d33247cf46e88de6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organization_calendar_days_org_day" ON "organization_calendar_days" ("organization_id", "day")`);
    await queryRunner.query(`CREATE TABLE "unit_monthly_ratings" ("organization_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "month" date NOT NULL, "tasks_due" integer NOT NULL DEFAULT '0', "completed_on_time" integer NOT NULL DEFAULT '0', "completed_late" integer NOT NULL DEFAULT '0', "overdue_open" integer NOT NULL DEFAULT '0', "open_in_time" integer NOT NULL DEFAULT '0', "cancelled" integer NOT NULL DEFAULT '0', "waiting_for_event" integer NOT NULL DEFAULT '0', "on_time_rate" numeric(5,4), "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_unit_monthly_ratings_month" CHECK ("month" = date_trunc('month', "month")::date), CONSTRAINT "PK_fed07df25021e2937879aa90f4f" PRIMARY KEY ("organization_id", "unit_id", "month"))`);
    await queryRunner.query(`ALTER TABLE "organization_calendar_days" ADD CONSTRAINT "FK_055f874b3da86400b5f2f8d86a8" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "organization_calendar_days" ADD CONSTRAINT "FK_90cde590bb96b337068beeb003d" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "organization_calendar_days" ADD CONSTRAINT "FK_ef2f2f873d466a251120b0454f5" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "unit_monthly_ratings" ADD CONSTRAINT "FK_59a01e160331415ff986df943cf" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "unit_monthly_ratings" ADD CONSTRAINT "FK_28d8fe81809ff452c610577b050" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "unit_monthly_ratings" DROP CONSTRAINT "FK_28d8fe81809ff452c610577b050"`);
    await queryRunner.query(`ALTER TABLE "unit_monthly_ratings" DROP CONSTRAINT "FK_59a01e160331415ff986df943cf"`);
    await queryRunner.query(`ALTER TABLE "organization_calendar_days" DROP CONSTRAINT "FK_ef2f2f873d466a251120b0454f5"`);
    await queryRunner.query(`ALTER TABLE "organization_calendar_days" DROP CONSTRAINT "FK_90cde590bb96b337068beeb003d"`);
    await queryRunner.query(`ALTER TABLE "organization_calendar_days" DROP CONSTRAINT "FK_055f874b3da86400b5f2f8d86a8"`);
    await queryRunner.query(`DROP TABLE "unit_monthly_ratings"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organization_calendar_days_org_day"`);
    await queryRunner.query(`DROP TABLE "organization_calendar_days"`);
  }
}
