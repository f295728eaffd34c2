import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `plan_imports.appendix_file_name`, `appendix_content`: the appendix a monitor sent beside a prose
 * plan ("Nhiệm vụ cụ thể theo Phụ lục đính kèm" is a file of its own). The preview reads the header
 * from the plan file and the rows from this one; unit mappings re-read both. Null for a plan sent
 * alone (every import stored before this migration).
 */
export class PlanImportAppendix1765180000000 implements MigrationInterface {
  name = 'PlanImportAppendix1765180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_imports" ADD "appendix_file_name" text`);
    await queryRunner.query(`ALTER TABLE "plan_imports" ADD "appendix_content" bytea`);
    await queryRunner.query(
      `ALTER TABLE "plan_imports" ADD CONSTRAINT "ck_plan_imports_appendix" CHECK (("appendix_file_name" IS NULL) = ("appendix_content" IS NULL))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_imports" DROP CONSTRAINT "ck_plan_imports_appendix"`);
    await queryRunner.query(`ALTER TABLE "plan_imports" DROP COLUMN "appendix_content"`);
    await queryRunner.query(`ALTER TABLE "plan_imports" DROP COLUMN "appendix_file_name"`);
  }
}
