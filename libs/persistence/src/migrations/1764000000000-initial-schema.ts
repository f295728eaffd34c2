import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Initial schema: organizations, units, users and deputy portfolios, plans and sections, tasks with
 * their units and milestones, and the append-only audit log `task_events` (a trigger refuses
 * UPDATE, DELETE and TRUNCATE, so the trail cannot be rewritten by the application).
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "settings" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_7e27c3b62c681fbe3e2322535f2" UNIQUE ("code"), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "aliases" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5a8f2f064919b587d93936cb223" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_units_org_code" ON "units" ("organization_id", "code")`);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "username" text NOT NULL, "full_name" text NOT NULL, "title" text NOT NULL DEFAULT '', "email" text, "password_hash" text, "unit_id" uuid, "roles" text array NOT NULL DEFAULT '{}', "is_active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_username" ON "users" ("username")`);
    await queryRunner.query(`CREATE TABLE "deputy_portfolios" ("user_id" uuid NOT NULL, "unit_id" uuid NOT NULL, CONSTRAINT "PK_edef0d227628f1d50fc8aa85cd8" PRIMARY KEY ("user_id", "unit_id"))`);
    await queryRunner.query(`CREATE TABLE "plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "plan_key" text NOT NULL, "number" text, "title" text NOT NULL, "issuer" text, "place" text, "issued_on" date, "start_year" integer NOT NULL, "end_year" integer NOT NULL, "signer_name" text, "signed_on_behalf" boolean NOT NULL DEFAULT false, "source_file_name" text, "source_checksum" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3720521a81c7c24fe9b7202ba61" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_plans_org_key" ON "plans" ("organization_id", "plan_key")`);
    await queryRunner.query(`CREATE TABLE "plan_sections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "code" text NOT NULL, "title" text NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_0bd361f525c0e4b966014e843dc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_plan_sections_plan_code" ON "plan_sections" ("plan_id", "code")`);
    await queryRunner.query(`CREATE TABLE "tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "plan_id" uuid, "section_id" uuid, "parent_task_id" uuid, "row_key" text, "title" text NOT NULL, "search_text" text NOT NULL DEFAULT '', "lead_raw" text NOT NULL DEFAULT '', "coordinating_raw" text NOT NULL DEFAULT '', "timeline_raw" text NOT NULL DEFAULT '', "note" text NOT NULL DEFAULT '', "extra" jsonb NOT NULL DEFAULT '{}', "owner_unit_id" uuid, "state" text NOT NULL, "status_word" text NOT NULL, "due_on" date, "extended_due_on" date, "completed_at" TIMESTAMP WITH TIME ZONE, "workflow_id" text NOT NULL, "version" integer NOT NULL DEFAULT '0', "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_tasks_plan" ON "tasks" ("plan_id", "section_id")`);
    await queryRunner.query(`CREATE INDEX "ix_tasks_owner_unit_state" ON "tasks" ("owner_unit_id", "state", "due_on")`);
    await queryRunner.query(`CREATE INDEX "ix_tasks_org_state_due" ON "tasks" ("organization_id", "state", "due_on")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_tasks_workflow_id" ON "tasks" ("workflow_id")`);
    await queryRunner.query(`CREATE TABLE "milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "position" integer NOT NULL, "label" text NOT NULL DEFAULT '', "kind" text NOT NULL, "due_on" date, "trigger" text, "state" text NOT NULL DEFAULT 'OPEN', "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0bdbfe399c777a6a8520ff902d9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_milestones_task_position" ON "milestones" ("task_id", "position")`);
    await queryRunner.query(`CREATE TABLE "task_events" ("id" BIGSERIAL NOT NULL, "organization_id" uuid NOT NULL, "task_id" uuid NOT NULL, "workflow_id" text NOT NULL, "event_key" text NOT NULL, "type" text NOT NULL, "actor_user_id" uuid, "actor_unit_id" uuid, "actor_role" text, "on_behalf_of_user_id" uuid, "version" integer NOT NULL, "from_state" text, "to_state" text, "payload" jsonb NOT NULL DEFAULT '{}', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5ad150da47d65e2346ff40169cd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_task_events_task_version" ON "task_events" ("task_id", "version")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_task_events_task_key" ON "task_events" ("task_id", "event_key")`);
    await queryRunner.query(`CREATE TABLE "task_units" ("task_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "role" text NOT NULL, "via_group" text, CONSTRAINT "PK_439d2f8234282ed4bfbe938ab8b" PRIMARY KEY ("task_id", "unit_id", "role"))`);
    await queryRunner.query(`ALTER TABLE "units" ADD CONSTRAINT "FK_477b8c9890c6a2f692c2e1f78ca" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_b94ecc6be926a5d23aa7791ec8a" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "deputy_portfolios" ADD CONSTRAINT "FK_bc7ab1694939994bad8c6df50e0" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "deputy_portfolios" ADD CONSTRAINT "FK_9df10defc2c78b52c0fd32196c7" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plans" ADD CONSTRAINT "FK_3693aaadee371069708e6eb2f22" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_sections" ADD CONSTRAINT "FK_fe9499d993b5c017bb6578fe653" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_44a9b5209cdfd6f72fb09a7c994" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_31a280e3d0a129221e614c63125" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_7c12321eb376f6a329a35135fa9" FOREIGN KEY ("section_id") REFERENCES "plan_sections"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_54fc42a253a8338488ec1f960ad" FOREIGN KEY ("parent_task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_f6a457fd4fc2a901e5259646f7c" FOREIGN KEY ("owner_unit_id") REFERENCES "units"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "milestones" ADD CONSTRAINT "FK_7c914e69bb6e377f4885f304790" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "task_units" ADD CONSTRAINT "FK_e004b346f729bba4c5b8aa021b4" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "task_units" ADD CONSTRAINT "FK_98c1e772938bfca75ba68d6d86e" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE FUNCTION task_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'task_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
    await queryRunner.query(`CREATE TRIGGER task_events_no_update_delete BEFORE UPDATE OR DELETE ON "task_events" FOR EACH ROW EXECUTE FUNCTION task_events_append_only()`);
    await queryRunner.query(`CREATE TRIGGER task_events_no_truncate BEFORE TRUNCATE ON "task_events" FOR EACH STATEMENT EXECUTE FUNCTION task_events_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER task_events_no_truncate ON "task_events"`);
    await queryRunner.query(`DROP TRIGGER task_events_no_update_delete ON "task_events"`);
    await queryRunner.query(`DROP FUNCTION task_events_append_only()`);
    await queryRunner.query(`ALTER TABLE "task_units" DROP CONSTRAINT "FK_98c1e772938bfca75ba68d6d86e"`);
    await queryRunner.query(`ALTER TABLE "task_units" DROP CONSTRAINT "FK_e004b346f729bba4c5b8aa021b4"`);
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "FK_7c914e69bb6e377f4885f304790"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_f6a457fd4fc2a901e5259646f7c"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_54fc42a253a8338488ec1f960ad"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_7c12321eb376f6a329a35135fa9"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_31a280e3d0a129221e614c63125"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_44a9b5209cdfd6f72fb09a7c994"`);
    await queryRunner.query(`ALTER TABLE "plan_sections" DROP CONSTRAINT "FK_fe9499d993b5c017bb6578fe653"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP CONSTRAINT "FK_3693aaadee371069708e6eb2f22"`);
    await queryRunner.query(`ALTER TABLE "deputy_portfolios" DROP CONSTRAINT "FK_9df10defc2c78b52c0fd32196c7"`);
    await queryRunner.query(`ALTER TABLE "deputy_portfolios" DROP CONSTRAINT "FK_bc7ab1694939994bad8c6df50e0"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_b94ecc6be926a5d23aa7791ec8a"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"`);
    await queryRunner.query(`ALTER TABLE "units" DROP CONSTRAINT "FK_477b8c9890c6a2f692c2e1f78ca"`);
    await queryRunner.query(`DROP TABLE "task_units"`);
    await queryRunner.query(`DROP INDEX "public"."uq_task_events_task_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_events_task_version"`);
    await queryRunner.query(`DROP TABLE "task_events"`);
    await queryRunner.query(`DROP INDEX "public"."uq_milestones_task_position"`);
    await queryRunner.query(`DROP TABLE "milestones"`);
    await queryRunner.query(`DROP INDEX "public"."uq_tasks_workflow_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_org_state_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_owner_unit_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_plan"`);
    await queryRunner.query(`DROP TABLE "tasks"`);
    await queryRunner.query(`DROP INDEX "public"."uq_plan_sections_plan_code"`);
    await queryRunner.query(`DROP TABLE "plan_sections"`);
    await queryRunner.query(`DROP INDEX "public"."uq_plans_org_key"`);
    await queryRunner.query(`DROP TABLE "plans"`);
    await queryRunner.query(`DROP TABLE "deputy_portfolios"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_username"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."uq_units_org_code"`);
    await queryRunner.query(`DROP TABLE "units"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
  }
}
