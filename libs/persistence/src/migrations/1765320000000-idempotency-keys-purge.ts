import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys are kept for a retention (IDEMPOTENCY_KEY_RETENTION_HOURS, issue 17 item 4),
 * then purged by age: an index on `created_at` so the periodic purge reads only the old rows.
 * Existing rows keep everything (the next purge removes those past the retention).
 */
export class IdempotencyKeysPurge1765320000000 implements MigrationInterface {
  name = 'IdempotencyKeysPurge1765320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_idempotency_keys_created_at" ON "idempotency_keys" ("created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_idempotency_keys_created_at"`);
  }
}
