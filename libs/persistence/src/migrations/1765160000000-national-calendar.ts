import { MigrationInterface, QueryRunner } from 'typeorm';
import { NATIONAL_CALENDAR_YEARS, NATIONAL_HOLIDAY_RULES } from '@app/domain';

/**
 * The national calendar as data (issue 16): holiday rules, official years and their days, each day
 * naming its source. Seeded from the shipped data (libs/domain/src/calendar/national-calendar.data.ts,
 * 2023–2026) as it stood when this migration was written; later decisions are added by the
 * operator (`calendar add`) or by a new migration, never by editing this one's effect.
 */
export class NationalCalendar1765160000000 implements MigrationInterface {
  name = 'NationalCalendar1765160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "national_holiday_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "position" integer NOT NULL, "holiday_id" text NOT NULL, "name" text NOT NULL, "calendar" text NOT NULL, "month" integer NOT NULL, "day" integer NOT NULL, "offset" integer NOT NULL DEFAULT '0', "length" integer NOT NULL DEFAULT '1', "from_year" integer NOT NULL, "to_year" integer, "source" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_national_holiday_rules_calendar" CHECK ("calendar" IN ('solar', 'lunar', 'adjacent')), CONSTRAINT "PK_f9421ff258b06e31c376f850ec0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_national_holiday_rules_position" ON "national_holiday_rules" ("position")`);
    await queryRunner.query(`CREATE TABLE "national_calendar_years" ("year" integer NOT NULL, "note" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d667d0379526d4b8d74403c6a63" PRIMARY KEY ("year"))`);
    await queryRunner.query(`CREATE TABLE "national_calendar_days" ("day" date NOT NULL, "year" integer NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "source" text NOT NULL, "verified" boolean NOT NULL DEFAULT true, "updated_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_national_calendar_days_kind" CHECK ("kind" IN ('off', 'work')), CONSTRAINT "PK_9bd14c1fdaca3e1e289027a9d9f" PRIMARY KEY ("day"))`);
    await queryRunner.query(`CREATE INDEX "ix_national_calendar_days_year" ON "national_calendar_days" ("year")`);
    await queryRunner.query(`ALTER TABLE "national_calendar_days" ADD CONSTRAINT "FK_3efa5a7c6eb89f9bab876cea290" FOREIGN KEY ("year") REFERENCES "national_calendar_years"("year") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "national_calendar_days" ADD CONSTRAINT "FK_33e8e8b86ebeb81b146dcd6273f" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    for (const [position, r] of NATIONAL_HOLIDAY_RULES.entries()) {
      await queryRunner.query(
        `INSERT INTO national_holiday_rules (position, holiday_id, name, calendar, month, day, "offset", length, from_year, to_year, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [position, r.id, r.name, r.calendar, r.month, r.day, r.offset, r.length, r.fromYear, r.toYear, r.source],
      );
    }
    for (const y of NATIONAL_CALENDAR_YEARS) {
      await queryRunner.query(`INSERT INTO national_calendar_years (year, note) VALUES ($1, $2)`, [y.year, y.note]);
      await queryRunner.query(
        `INSERT INTO national_calendar_days (day, year, kind, name, source, verified)
         SELECT d.day, $1, d.kind, d.name, d.source, d.verified
         FROM unnest($2::date[], $3::text[], $4::text[], $5::text[], $6::boolean[]) AS d(day, kind, name, source, verified)`,
        [y.year, y.days.map((d) => d.date), y.days.map((d) => d.kind), y.days.map((d) => d.name), y.days.map((d) => d.source), y.days.map((d) => d.verified)],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "national_calendar_days" DROP CONSTRAINT "FK_33e8e8b86ebeb81b146dcd6273f"`);
    await queryRunner.query(`ALTER TABLE "national_calendar_days" DROP CONSTRAINT "FK_3efa5a7c6eb89f9bab876cea290"`);
    await queryRunner.query(`DROP INDEX "public"."ix_national_calendar_days_year"`);
    await queryRunner.query(`DROP TABLE "national_calendar_days"`);
    await queryRunner.query(`DROP TABLE "national_calendar_years"`);
    await queryRunner.query(`DROP INDEX "public"."uq_national_holiday_rules_position"`);
    await queryRunner.query(`DROP TABLE "national_holiday_rules"`);
  }
}
