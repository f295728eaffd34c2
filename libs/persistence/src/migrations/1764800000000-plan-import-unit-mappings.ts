import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `plan_imports.unit_mappings`: the units the monitor chose for the names of a preview that are not
 * in the directory (`PUT /plans/imports/:id/unit-mappings`), `[{ name, unitCode }]`. Written in the
 * same statement as the preview re-read with them, so the stored preview is always the file read
 * with exactly these mappings, and confirm imports what the person saw.
 */
export class PlanImportUnitMappings1764800000000 implements MigrationInterface {
  name = 'PlanImportUnitMappings1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_imports" ADD "unit_mappings" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_imports" DROP COLUMN "unit_mappings"`);
  }
}
