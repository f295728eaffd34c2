import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications of reminders and escalations: the in-app inbox (`notifications`, one row per person
 * and event, newest first, with a partial index for the unread badge) and the transactional e-mail
 * outbox (`email_outbox`, one mail per notification, claimed by the worker's dispatcher by status
 * and due time). Both are written in the transaction that records the task event.
 */
export class Notifications1764200000000 implements MigrationInterface {
  name = 'Notifications1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "task_id" uuid NOT NULL, "task_event_id" bigint NOT NULL, "type" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "link" text NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_notifications_user_unread" ON "notifications" ("user_id") WHERE "read_at" IS NULL`);
    // Newest first with the id as tie-breaker: the inbox's ORDER BY and its keyset cursor.
    await queryRunner.query(`CREATE INDEX "ix_notifications_user_inbox" ON "notifications" ("user_id", "created_at" DESC, "id" DESC)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notifications_event_user" ON "notifications" ("task_event_id", "user_id")`);
    await queryRunner.query(`CREATE TABLE "email_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "notification_id" uuid NOT NULL, "to_address" text NOT NULL, "to_name" text NOT NULL DEFAULT '', "subject" text NOT NULL, "text_body" text NOT NULL, "html_body" text, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "message_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_email_outbox_status" CHECK ("status" IN ('pending', 'sending', 'sent', 'failed')), CONSTRAINT "PK_b6fbfc201f705fbf1ac87bd7197" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_email_outbox_due" ON "email_outbox" ("status", "next_attempt_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_email_outbox_notification" ON "email_outbox" ("notification_id")`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "FK_cb7b1fb018b296f2107e998b2ff" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "FK_b4a7cd30c9f4ca1b23ef0eb6dd8" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "FK_ac56fce2624ba7a3c042accdb78" FOREIGN KEY ("task_event_id") REFERENCES "task_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "email_outbox" ADD CONSTRAINT "FK_a5fc4547a1d292be594656c0c2d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "email_outbox" ADD CONSTRAINT "FK_84a6c7b34bd1ceafc4c7820abb5" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "email_outbox" DROP CONSTRAINT "FK_84a6c7b34bd1ceafc4c7820abb5"`);
    await queryRunner.query(`ALTER TABLE "email_outbox" DROP CONSTRAINT "FK_a5fc4547a1d292be594656c0c2d"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_ac56fce2624ba7a3c042accdb78"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_b4a7cd30c9f4ca1b23ef0eb6dd8"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_cb7b1fb018b296f2107e998b2ff"`);
    await queryRunner.query(`DROP INDEX "public"."uq_email_outbox_notification"`);
    await queryRunner.query(`DROP INDEX "public"."ix_email_outbox_due"`);
    await queryRunner.query(`DROP TABLE "email_outbox"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notifications_event_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_user_inbox"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_user_unread"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
