import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Key bound to a request fingerprint (IETF draft httpapi-idempotency-key-header):
 * one row per (caller, key) with the SHA-256 of the first request. Existing data: nothing to move
 * (keys were only known to the workflows, which still deduplicate on them).
 */
export class IdempotencyKeys1765170000000 implements MigrationInterface {
  name = 'IdempotencyKeys1765170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" text NOT NULL, "fingerprint" text NOT NULL, "target" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_idempotency_keys" PRIMARY KEY ("user_id", "key"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
