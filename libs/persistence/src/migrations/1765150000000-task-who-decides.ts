import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Who decides, once" (issue 15): the read model stores what the action registry says about each
 * task instead of every reader restating the rule in SQL.
 *  - `awaiting_kind`: what the task waits on (`WaitingOn.kind` of the workflow: lead_unit,
 *    reviewers, approver, extension_decision, monitor, nobody);
 *  - `deciding_user_ids`: the people who decide its approval and extension requests (the
 *    director(s) and the deputies whose portfolio holds the lead unit): the inbox's approve and
 *    extensions boxes;
 *  - `approver_user_ids`: the approver it waits on (the deputies in charge, else the director(s)):
 *    the notifications' `approver` / `deputyInCharge`.
 * The worker's read-model activity writes them with every event; existing rows are backfilled here
 * from the snapshot and the organization's people as they are now.
 */
export class TaskWhoDecides1765150000000 implements MigrationInterface {
  name = 'TaskWhoDecides1765150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" ADD "awaiting_kind" text NOT NULL DEFAULT 'nobody'`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "deciding_user_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "approver_user_ids" uuid array NOT NULL DEFAULT '{}'`);
    // What it waits on: the snapshot's, else (rows the foundation slice wrote) from the state.
    await queryRunner.query(
      `UPDATE "tasks" SET "awaiting_kind" = COALESCE(NULLIF("waiting_on"->>'kind', ''),
         CASE "state" WHEN 'DRAFTING' THEN 'lead_unit' WHEN 'IN_REVIEW' THEN 'reviewers' WHEN 'AWAITING_APPROVAL' THEN 'approver'
                      WHEN 'PENDING_TRIGGER' THEN 'monitor' ELSE 'nobody' END)`,
    );
    await queryRunner.query(
      `WITH people AS (
         SELECT t.id,
                ARRAY(SELECT d.id FROM users d WHERE d.organization_id = t.organization_id AND d.is_active AND 'deputyDirector' = ANY(d.roles)
                        AND EXISTS (SELECT 1 FROM deputy_portfolios p WHERE p.user_id = d.id AND p.unit_id = t.owner_unit_id) ORDER BY d.id) AS deputies,
                ARRAY(SELECT g.id FROM users g WHERE g.organization_id = t.organization_id AND g.is_active AND 'director' = ANY(g.roles) ORDER BY g.id) AS directors
         FROM tasks t)
       UPDATE "tasks" t SET "deciding_user_ids" = people.deputies || people.directors,
                            "approver_user_ids" = CASE WHEN cardinality(people.deputies) > 0 THEN people.deputies ELSE people.directors END
       FROM people WHERE people.id = t.id`,
    );
    await queryRunner.query(`CREATE INDEX "ix_tasks_deciding_users" ON "tasks" USING GIN ("deciding_user_ids")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_deciding_users"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "approver_user_ids"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "deciding_user_ids"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "awaiting_kind"`);
  }
}
