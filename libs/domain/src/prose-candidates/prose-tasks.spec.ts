import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ORG } from '../units/demo-org';
import { candidateTaskRows, PROSE_SECTION, proseReadingOf } from './prose-tasks';
import { proposeProseCandidates } from './prose-proposals';
import type { PlanParseResult } from '../plan-import/plan-parser';

const SEED_002 = readFileSync(join(__dirname, '../../../../test/fixtures/seeds/002_eb7196ab3e440511.txt'), 'utf8');
const SEED_004 = readFileSync(join(__dirname, '../../../../test/fixtures/seeds/004_ae6ed311de1af7f1.txt'), 'utf8');
const years = { planYear: 2022, planEndYear: 2025 };

describe('chosen prose candidates as appendix rows', () => {
  const { candidates } = proposeProseCandidates(SEED_002, { ...years, directory: DEMO_ORG });
  const at = (line: number) => candidates.find((c) => c.sources.some((s) => s.line === line))!;

  it('a candidate as read becomes a row of section VB keyed by its id, with its milestones and source', () => {
    const { tasks, problems } = candidateTaskRows(candidates, [{ id: at(263).id }], DEMO_ORG, years);
    expect(problems).toEqual([]);
    expect(tasks).toEqual([
      expect.objectContaining({
        section: PROSE_SECTION.code,
        ordinal: at(263).id,
        title: 'Xây dựng kế hoạch CCHC hàng năm của Sở',
        lead: [{ raw: 'Văn phòng Sở', unit: 'VP' }],
        coordinating: [],
        timeline: 'hàng năm',
        milestones: [expect.objectContaining({ kind: 'recurring', recurrence: 'yearly', until: '2025-12-31' })],
        note: expect.stringContaining('dòng 263'),
      }),
    ]);
  });

  it('edits win: title, lead, partners (never the lead itself) and a timeline in the appendix forms or the prose forms', () => {
    const { tasks, problems } = candidateTaskRows(
      candidates,
      [
        { id: at(97).id, title: 'Rà soát TTHC', leadUnitCode: 'CCHC', coordinatingUnitCodes: ['VP', 'CCHC'], timeline: 'Trước ngày 30/6/2023' },
        { id: at(271).id, leadUnitCode: 'VP', timeline: 'định kỳ, đột xuất' },
      ],
      DEMO_ORG,
      years,
    );
    expect(problems).toEqual([]);
    expect(tasks[0]).toMatchObject({ title: 'Rà soát TTHC', lead: [{ unit: 'CCHC' }], coordinating: [{ unit: 'VP' }], milestones: [{ kind: 'deadline', due: '2023-06-30' }] });
    expect(tasks[1].milestones.map((m) => m.recurrence)).toEqual(['reporting-calendar', 'on-event']);
  });

  it('names every problem with its candidate, and gives no rows for the refused ones', () => {
    const { tasks, problems } = candidateTaskRows(
      candidates,
      [
        { id: 'cffffffff' },
        { id: at(263).id, coordinatingUnitCodes: ['NOPE'] },
        { id: at(263).id },
        { id: at(97).id },
        { id: at(269).id, timeline: 'tùy tình hình' },
        { id: at(271).id },
      ],
      DEMO_ORG,
      years,
    );
    expect(problems.map((p) => [p.code, p.candidateId, p.field])).toEqual([
      ['CANDIDATE_NOT_FOUND', 'cffffffff', 'id'],
      ['CANDIDATE_UNIT_UNKNOWN', at(263).id, 'coordinatingUnitCodes'],
      ['CANDIDATE_DUPLICATE', at(263).id, 'id'],
      ['CANDIDATE_LEAD_MISSING', at(97).id, 'leadUnitCode'],
      ['CANDIDATE_TIMELINE_UNREADABLE', at(269).id, 'timeline'],
      ['CANDIDATE_LEAD_MISSING', at(271).id, 'leadUnitCode'],
    ]);
    expect(problems[5].message).toContain('"Phòng Kế hoạch - Tài chính"');
    expect(tasks).toEqual([]);
  });

  it('a lead that is a group of the directory gives a group-led row; partners "có liên quan" are named later by the lead', () => {
    const seed000 = readFileSync(join(__dirname, '../../../../test/fixtures/seeds/000_aa29c18a37661c3c.txt'), 'utf8');
    const own = proposeProseCandidates(seed000, { planYear: 2023, directory: DEMO_ORG }).candidates;
    const byLine = (line: number) => own.find((c) => c.sources.some((s) => s.line === line))!;
    expect(byLine(190)).toMatchObject({ leadText: 'Các phòng, ban, trung tâm thuộc và trực thuộc Sở', leadUnitCode: null, leadGroup: 'ALL_UNITS' });
    // "Phòng Cải cách hành chính - Văn thư lưu trữ" is not how the demo directory writes CCHC ("… Văn thư, lưu trữ"): no code guessed.
    expect(byLine(208)).toMatchObject({ leadText: 'Phòng Cải cách hành chính - Văn thư lưu trữ', leadUnitCode: null, leadGroup: null });
    const group = candidateTaskRows(own, [{ id: byLine(190).id }, { id: byLine(202).id }], DEMO_ORG, { planYear: 2023 });
    expect(group.problems).toEqual([]);
    expect(group.tasks[0].lead).toEqual([{ raw: 'Các phòng, ban, trung tâm thuộc và trực thuộc Sở', group: 'ALL_UNITS' }]);
    expect(byLine(202).coordinatingToBeNamed).toBe(true);
    expect(group.tasks[1]).toMatchObject({ lead: [{ unit: 'VP' }], coordinating: [{ group: 'RELEVANT' }] });
  });

  it('ids are stable: the same text gives the same ids', () => {
    expect(proposeProseCandidates(SEED_002, years).candidates.map((c) => c.id)).toEqual(candidates.map((c) => c.id));
    expect(new Set(candidates.map((c) => c.id)).size).toBe(candidates.length);
  });

  it('APPENDIX_NOT_ATTACHED only for a plan without a table that refers to an appendix', () => {
    const parse = { tasks: [], planYear: 2024, planEndYear: 2024 } as unknown as PlanParseResult;
    expect(proseReadingOf(parse, SEED_004, DEMO_ORG).warnings).toEqual([
      expect.objectContaining({ code: 'APPENDIX_NOT_ATTACHED', raw: 'Nhiệm vụ cụ thể theo Phụ lục đính kèm', source: { line: 202 } }),
    ]);
    expect(proseReadingOf({ ...parse, planYear: 2022, planEndYear: 2025 }, SEED_002, DEMO_ORG).warnings).toEqual([]);
    expect(proseReadingOf({ ...parse, tasks: [{}] } as unknown as PlanParseResult, SEED_004, DEMO_ORG)).toEqual({ candidates: [], warnings: [] });
  });
});
