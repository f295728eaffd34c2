import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ORG, defaultVietnamCalendarConfig, parsePlanFile, parseTimeline, WorkingCalendar } from '@app/domain';
import { lifecycleSettingsOf } from './lifecycle-input';
import { scheduleMilestone, withMilestoneSchedule, type ScheduledMilestone } from './milestone-schedule';

const FIXTURE = join(__dirname, '../../../test/fixtures/plans/plan-2026-calendar.txt');

/**
 * A 2026 appendix written for this test (test/fixtures/plans/plan-2026-calendar.txt): every
 * milestone's working end checked against the official 2026 calendar (CV 12729/VPCP-KGVX, TB
 * 9441/TB-BNV, Bộ luật Lao động), and the rounds of its periodic row.
 */
describe('a 2026 plan: due as written, workingDue as the law counts it (BLDS 2015 art. 148(5))', () => {
  let milestones: Map<string, ScheduledMilestone[]>;
  beforeAll(async () => {
    const parse = await parsePlanFile({ fileName: 'plan-2026-calendar.txt', content: readFileSync(FIXTURE) }, { directory: DEMO_ORG });
    expect(parse.errors).toEqual([]);
    expect(parse.planYear).toBe(2026);
    const scheduled = withMilestoneSchedule(parse, defaultVietnamCalendarConfig());
    milestones = new Map(scheduled.tasks.map((t) => [`${t.section}.${t.ordinal}`, t.milestones as ScheduledMilestone[]]));
  });
  const one = (key: string) => {
    const ms = milestones.get(key)!;
    expect(ms).toHaveLength(1);
    return ms[0];
  };

  it.each([
    ['I.1', '2026-01-10', '2026-01-10', 'Sat 10/1 is the make-up working day of the 2/1 swap'],
    ['I.2', '2026-01-31', '2026-02-02', 'a Saturday → Monday'],
    ['I.3', '2026-02-20', '2026-02-23', 'inside Tết (14–22/2) → Monday 23/2'],
    ['I.4', '2026-02-28', '2026-03-02', 'a Saturday → Monday'],
    ['I.5', '2026-03-31', '2026-03-31', 'a working Tuesday'],
    ['I.6', '2026-04-26', '2026-04-28', 'Giỗ Tổ on Sunday, nghỉ bù Monday 27/4 → Tuesday'],
    ['I.7', '2026-04-30', '2026-05-04', '30/4, 1/5 and the weekend → Monday 4/5'],
    ['I.8', '2026-05-31', '2026-06-01', 'a Sunday → Monday'],
    ['I.9', '2026-06-30', '2026-06-30', 'a working Tuesday'],
    ['I.10', '2026-08-31', '2026-09-03', 'Quốc khánh break 29/8–2/9 → Thursday 3/9'],
    ['I.11', '2026-10-31', '2026-11-02', 'a Saturday → Monday'],
  ])('%s: due %s, workingDue %s (%s)', (key, due, workingDue) => {
    expect(one(key)).toMatchObject({ kind: 'deadline', due, workingDue });
  });

  it('the quarterly row lists its four rounds of the reporting calendar (the 14th), each with its working end', () => {
    expect(one('II.1')).toMatchObject({ kind: 'recurring', due: null, workingDue: null });
    expect(one('II.1').rounds).toEqual([
      { key: '2026-Q1', label: 'Báo cáo quý I năm 2026', due: '2026-03-14', workingDue: '2026-03-16' },
      { key: '2026-Q2', label: 'Báo cáo quý II năm 2026', due: '2026-06-14', workingDue: '2026-06-15' },
      { key: '2026-Q3', label: 'Báo cáo quý III năm 2026', due: '2026-09-14', workingDue: '2026-09-14' },
      { key: '2026-Q4', label: 'Báo cáo quý IV năm 2026', due: '2026-12-14', workingDue: '2026-12-14' },
    ]);
  });

  it('"Định kỳ 6 tháng, năm" gives exactly its two rounds: six months and the year', () => {
    expect(one('II.3').rounds).toEqual([
      { key: '2026-H1', label: 'Báo cáo 6 tháng năm 2026', due: '2026-06-14', workingDue: '2026-06-15' },
      { key: '2026-Y', label: 'Báo cáo năm 2026', due: '2026-12-14', workingDue: '2026-12-14' },
    ]);
  });

  it('an event row has no date to move', () => {
    expect(one('II.2')).toMatchObject({ kind: 'event', due: null, workingDue: null });
    expect(one('II.2').rounds).toBeUndefined();
  });

  it('every workingDue is a working day of 2026 and never before its due', () => {
    const calendar = new WorkingCalendar(defaultVietnamCalendarConfig());
    for (const ms of milestones.values()) {
      for (const m of ms) {
        for (const [due, working] of [[m.due, m.workingDue], ...(m.rounds ?? []).map((r) => [r.due, r.workingDue])]) {
          if (!due) continue;
          expect(working! >= due).toBe(true);
          expect(calendar.isWorkingDay(working!)).toBe(true);
        }
      }
    }
  });

  it('an organization that turns the day-off rule off keeps the dates as written', async () => {
    const parse = await parsePlanFile({ fileName: 'plan-2026-calendar.txt', content: readFileSync(FIXTURE) }, { directory: DEMO_ORG });
    const off = withMilestoneSchedule(parse, defaultVietnamCalendarConfig(), { dayOffRule: false });
    const i2 = off.tasks.find((t) => t.section === 'I' && t.ordinal === '2')!.milestones[0] as ScheduledMilestone;
    expect(i2).toMatchObject({ due: '2026-01-31', workingDue: '2026-01-31' });
  });
});

describe('report rounds due on their round day (the workflow\'s generateRounds, round-days-v1)', () => {
  const calendar = new WorkingCalendar(defaultVietnamCalendarConfig());
  const roundsOf = (text: string) => {
    const parsed = parseTimeline(text, { planYear: 2026 });
    expect(parsed.milestones).toHaveLength(1);
    return scheduleMilestone(parsed.milestones[0], calendar, {}, '2026-12-31').rounds!;
  };

  it('monthly rounds fall due on the 14th (NĐ 09/2019 art. 12), each with its working end', () => {
    const rounds = roundsOf('Hằng tháng');
    expect(rounds).toHaveLength(12);
    expect(rounds.map((r) => r.due)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-14`));
    // 14/2/2026 is inside Tết (14–22/2): the report ends on Monday 23/2; 14/3 a Saturday → 16/3.
    expect(rounds.slice(1, 3).map((r) => r.workingDue)).toEqual(['2026-02-23', '2026-03-16']);
  });

  it('"Trước ngày 10 hằng tháng" falls due on the 10th; "Trước ngày 20 tháng cuối quý" on the 20th of each quarter\'s last month', () => {
    expect(roundsOf('Trước ngày 10 hằng tháng').map((r) => r.due.slice(5))).toEqual(Array.from({ length: 12 }, (_, i) => `${String(i + 1).padStart(2, '0')}-10`));
    expect(roundsOf('Trước ngày 20 tháng cuối quý').map((r) => r.due)).toEqual(['2026-03-20', '2026-06-20', '2026-09-20', '2026-12-20']);
    // The day a short month does not have: its last day.
    expect(roundsOf('Hằng tháng, chậm nhất ngày 30').find((r) => r.key === '2026-M02')!.due).toBe('2026-02-28');
  });

  it('"6 tháng, năm" gives exactly two rounds a year', () => {
    expect(roundsOf('Định kỳ 6 tháng, năm').map((r) => r.key)).toEqual(['2026-H1', '2026-Y']);
  });

  it('the organization\'s reporting calendar (a setting, as the workflow input carries it) moves the periodic rounds', () => {
    const settings = lifecycleSettingsOf({ reportingDeadlines: { q1: '03-20', h1: '06-20', q3: '09-20', year: '12-20' } });
    const [quarterly] = parseTimeline('Định kỳ quý', { planYear: 2026 }).milestones;
    expect(scheduleMilestone(quarterly, calendar, settings, '2026-12-31').rounds!.map((r) => r.due)).toEqual(['2026-03-20', '2026-06-20', '2026-09-20', '2026-12-20']);
    // Stored in part: the other periods keep the defaults.
    expect(lifecycleSettingsOf({ reportingDeadlines: { q1: '03-10' } as never }).reportingDeadlines).toEqual({ q1: '03-10', h1: '06-14', q3: '09-14', year: '12-14' });
  });
});
