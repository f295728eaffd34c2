import { randomBytes } from 'node:crypto';
import { DEMO_ORG } from '../units/demo-org';
import { parsePlanHeader } from './plan-header.parser';
import { buildParseResult, parsePlanFile, PlanFileError, type PlanParseResult } from './plan-parser';
import { buildAppendixDocx, buildAppendixXlsx, readSamplePlanText } from './testing/appendix-fixtures';
import { readTextAppendix } from './text-appendix.reader';

const SAMPLE_TEXT = readSamplePlanText();
const opts = { directory: DEMO_ORG };

const parseText = (text: string, fileName = 'ke-hoach.txt', planYear?: number) =>
  parsePlanFile({ fileName, content: Buffer.from(text, 'utf8') }, { ...opts, planYear });

/** Replaces one line of the sample plan, found by its start, and fails loudly if the plan changed. */
function editSampleLine(startsWith: string, edit: (line: string) => string): string {
  const lines = SAMPLE_TEXT.split('\n');
  const at = lines.findIndex((line) => line.startsWith(startsWith));
  if (at < 0) throw new Error(`sample plan has no line starting with ${startsWith}`);
  lines[at] = edit(lines[at]);
  return lines.join('\n');
}

async function parseFormat(format: string): Promise<PlanParseResult> {
  if (format === 'text') return parseText(SAMPLE_TEXT, 'plan-003.txt');
  if (format === 'docx') return parsePlanFile({ fileName: 'plan-003.docx', content: await buildAppendixDocx() }, opts);
  return parsePlanFile({ fileName: 'plan-003.xlsx', content: await buildAppendixXlsx() }, opts);
}

describe.each(['text', 'docx', 'xlsx'])('parsePlanFile on seed 003 as %s', (format) => {
  let result: PlanParseResult;
  beforeAll(async () => {
    result = await parseFormat(format);
  });
  const task = (section: string, ordinal: string) => result.tasks.find((t) => t.section === section && t.ordinal === ordinal)!;

  it('finds 32 tasks in 7 sections of 7, 4, 4, 1, 5, 3 and 8', () => {
    expect(result.tasks).toHaveLength(32);
    expect(result.sections.map((s) => s.code)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII']);
    expect(result.sections.map((s) => result.tasks.filter((t) => t.section === s.code).length)).toEqual([7, 4, 4, 1, 5, 3, 8]);
  });

  it('reads the plan year 2023 from the plan itself', () => {
    expect(result.planYear).toBe(2023);
    expect(result.planEndYear).toBe(2023);
  });

  it('warns once about the declared total of 33, and has no errors', () => {
    expect(result.declaredTotal).toBe(33);
    expect(result.warnings).toEqual([
      { code: 'DECLARED_TOTAL_MISMATCH', message: 'Dòng tổng cộng ghi 33 nhiệm vụ nhưng bảng phụ lục có 32 nhiệm vụ.' },
    ]);
    expect(result.errors).toEqual([]);
  });

  it('resolves every lead and coordinating cell to units or groups', () => {
    for (const t of result.tasks) {
      expect(t.lead.length).toBeGreaterThan(0);
      expect(t.coordinating.length).toBeGreaterThan(0);
      for (const ref of [...t.lead, ...t.coordinating]) expect(ref.unit ?? ref.group).toBeDefined();
    }
  });

  it('dates every timeline', () => {
    for (const t of result.tasks) expect(t.milestones.length).toBeGreaterThan(0);
  });

  it('I.1: two milestones, the plan issued by end of February, then worked on all year', () => {
    expect(task('I', '1').milestones).toEqual([
      expect.objectContaining({ label: 'Ban hành Kế hoạch', kind: 'deadline', due: '2023-02-28' }),
      expect.objectContaining({ label: 'Thực hiện', kind: 'ongoing', due: '2023-12-31', until: '2023-12-31' }),
    ]);
  });

  it('I.2 waits for an event, II.1 for an external schedule, III.2 recurs on an event', () => {
    expect(task('I', '2').milestones).toEqual([
      expect.objectContaining({ kind: 'event', due: null, trigger: 'Sau khi UBND tỉnh ban hành' }),
    ]);
    expect(task('II', '1').milestones).toEqual([
      expect.objectContaining({ kind: 'external', due: null, trigger: 'Theo Kế hoạch của UBND tỉnh' }),
    ]);
    expect(task('III', '2').milestones).toEqual([expect.objectContaining({ kind: 'recurring', recurrence: 'on-event' })]);
  });

  it('resolves groups: III.4 lead ALL_UNITS, VI.3 lead VP and AFFILIATED_UNITS, V.2 coordinating CCVC and RELEVANT', () => {
    expect(task('III', '4').lead).toEqual([{ raw: 'Các đơn vị thuộc và trực thuộc Sở', group: 'ALL_UNITS' }]);
    expect(task('VI', '3').lead).toEqual([
      { raw: 'Văn phòng Sở', unit: 'VP' },
      { raw: 'các đơn vị trực thuộc Sở', group: 'AFFILIATED_UNITS' },
    ]);
    expect(task('V', '2').coordinating).toEqual([
      { raw: 'Phòng CCVC', unit: 'CCVC' },
      { raw: 'các cơ quan, đơn vị có liên quan', group: 'RELEVANT' },
    ]);
  });

  it('keeps the cells as written', () => {
    expect(task('I', '7')).toMatchObject({
      title: 'Thực hiện chế độ báo cáo định kỳ (quý, 6 tháng, năm)',
      timeline: 'Cả năm',
      note: '',
    });
    expect(task('I', '7')).not.toHaveProperty('extra');
  });
});

describe('parsePlanFile: all three formats agree', () => {
  it('gives the same sections and tasks for text, .docx and .xlsx', async () => {
    const [text, docx, xlsx] = await Promise.all(['text', 'docx', 'xlsx'].map(parseFormat));
    expect(docx.tasks).toEqual(text.tasks);
    expect(xlsx.tasks).toEqual(text.tasks);
    expect(docx.sections).toEqual(text.sections);
    expect(xlsx.sections).toEqual(text.sections);
  });
});

describe('parsePlanFile: problems a person must fix', () => {
  it('reports a lead unit missing from the directory with section, STT and cell', async () => {
    const text = editSampleLine('8\tTriển lãm thực tế ảo\t', (line) => line.replace('Trung tâm lưu trữ lịch sử tỉnh', 'Phòng Tư pháp'));
    const result = await parseText(text);
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_UNIT', section: 'VII', ordinal: '8', cell: 'lead', raw: 'Phòng Tư pháp' }),
    ]);
    expect(result.errors[0].message).toContain('Mục VII, STT 8');
    expect(result.errors[0].message).toContain('"Phòng Tư pháp"');
    // The task stays in the result, without the unit nobody could resolve.
    expect(result.tasks.find((t) => t.section === 'VII' && t.ordinal === '8')?.lead).toEqual([]);
  });

  it('reports the unknown part of a coordinating cell and keeps the known part', async () => {
    const text = editSampleLine('2\tXây dựng phòng họp không giấy', (line) =>
      line.replace('Các đơn vị thuộc và trực thuộc Sở', 'Phòng Tư pháp, Các đơn vị thuộc và trực thuộc Sở'),
    );
    const result = await parseText(text);
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_UNIT', section: 'VII', ordinal: '2', cell: 'coordinating', raw: 'Phòng Tư pháp' }),
    ]);
    expect(result.tasks.find((t) => t.section === 'VII' && t.ordinal === '2')?.coordinating).toEqual([
      { raw: 'Các đơn vị thuộc và trực thuộc Sở', group: 'ALL_UNITS' },
    ]);
  });

  it('reports an impossible date as UNREADABLE_DATE with the timeline parser message', async () => {
    const text = editSampleLine('2\tXây dựng phòng họp không giấy', (line) => line.replace('Tháng 5/2023', '31/02/2023'));
    const result = await parseText(text);
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'UNREADABLE_DATE', section: 'VII', ordinal: '2', cell: 'timeline', raw: '31/02/2023' }),
    ]);
    expect(result.errors[0].message).toMatch(/không có ngày 31/);
  });

  it('reports an empty lead cell and an empty timeline', async () => {
    const text = editSampleLine('8\tTriển lãm thực tế ảo\t', () => '8\tTriển lãm thực tế ảo\t\tCác đơn vị có liên quan\t\t');
    const result = await parseText(text);
    expect(result.errors.map((e) => [e.code, e.section, e.ordinal, e.cell])).toEqual([
      ['MISSING_LEAD', 'VII', '8', 'lead'],
      ['UNREADABLE_DATE', 'VII', '8', 'timeline'],
    ]);
  });

  it('keeps timeline warnings that leave a milestone as warnings, located', async () => {
    const text = editSampleLine('2\tXây dựng phòng họp không giấy', (line) => line.replace('Tháng 5/2023', 'Tháng 5/2027'));
    const result = await parseText(text);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'DATE_OUTSIDE_PLAN_PERIOD', section: 'VII', ordinal: '2', cell: 'timeline' }),
    );
  });

  it('flags a date outside the plan period on its row (DATE_OUTSIDE_PLAN_PERIOD), even in the following year', async () => {
    // Seed 003 is a 2023 plan: June of 2024 is no hand-in date, it is a likely typo.
    const text = editSampleLine('2\tXây dựng phòng họp không giấy', (line) => line.replace('Tháng 5/2023', 'Tháng 06/2024'));
    const result = await parseText(text);
    expect(result.errors).toEqual([]);
    const flagged = result.warnings.filter((w) => w.code === 'DATE_OUTSIDE_PLAN_PERIOD');
    expect(flagged).toEqual([
      expect.objectContaining({ section: 'VII', ordinal: '2', cell: 'timeline', raw: 'Tháng 06/2024' }),
    ]);
    expect(flagged[0].message).toContain('30/06/2024');
    expect(flagged[0].message).toContain('năm 2023');
    // The milestone is kept: a person decides.
    expect(result.tasks.find((t) => t.title.startsWith('Xây dựng phòng họp không giấy'))?.milestones.map((m) => m.due)).toEqual(['2024-06-30']);
    expect(result.warnings.some((w) => (w.code as string) === 'TIMELINE_OUTSIDE_PLAN_PERIOD')).toBe(false);
  });

  it('tolerates a hand-in date in January after the plan, not later', async () => {
    const january = await parseText(
      editSampleLine('2\tXây dựng phòng họp không giấy', (line) => line.replace('Tháng 5/2023', 'Trước ngày 20/01/2024')),
    );
    expect(january.warnings.filter((w) => w.code === 'DATE_OUTSIDE_PLAN_PERIOD')).toEqual([]);
    const february = await parseText(
      editSampleLine('2\tXây dựng phòng họp không giấy', (line) => line.replace('Tháng 5/2023', 'Trước ngày 01/02/2024')),
    );
    expect(february.warnings.filter((w) => w.code === 'DATE_OUTSIDE_PLAN_PERIOD')).toEqual([
      expect.objectContaining({ section: 'VII', ordinal: '2', raw: 'Trước ngày 01/02/2024' }),
    ]);
  });

  it('does not flag a date inside the plan period', async () => {
    const text = editSampleLine('2\tXây dựng phòng họp không giấy', (line) => line.replace('Tháng 5/2023', 'Tháng 06/2023'));
    const result = await parseText(text);
    expect(result.warnings.filter((w) => w.code === 'DATE_OUTSIDE_PLAN_PERIOD')).toEqual([]);
  });

  it('carries the appendix errors through (duplicate STT)', async () => {
    const text = editSampleLine('2\tXây dựng phòng họp không giấy', (line) => line.replace(/^2\t/, '1\t'));
    const result = await parseText(text);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'DUPLICATE_ORDINAL', section: 'VII', ordinal: '1' })]);
  });
});

describe('the plan year', () => {
  const raw = readTextAppendix(SAMPLE_TEXT);
  const noYear = { ...parsePlanHeader(SAMPLE_TEXT), title: null, appendixTitle: null, year: null };

  it('is an error when neither the caller nor the plan gives it; tasks are kept, undated', () => {
    const result = buildParseResult(raw, noYear, opts);
    expect(result.planYear).toBeNull();
    expect(result.errors).toEqual([expect.objectContaining({ code: 'PLAN_YEAR_UNKNOWN' })]);
    expect(result.tasks).toHaveLength(32);
    expect(result.tasks.every((t) => t.milestones.length === 0)).toBe(true);
  });

  it('comes from the caller over the title', () => {
    const result = buildParseResult(raw, parsePlanHeader(SAMPLE_TEXT), { ...opts, planYear: 2024 });
    expect(result.planYear).toBe(2024);
    // Seed 003 writes its years: dates in 2023 now fall outside a 2024 plan, which is worth a warning.
    expect(result.warnings.some((w) => w.code === 'DATE_OUTSIDE_PLAN_PERIOD')).toBe(true);
  });

  it('spans a period read from the title', () => {
    const header = { ...noYear, period: { startYear: 2022, endYear: 2025 } };
    const result = buildParseResult(raw, header, opts);
    expect([result.planYear, result.planEndYear]).toEqual([2022, 2025]);
  });
});

describe('parsePlanFile: files that cannot be read', () => {
  const readError = async (fileName: string, content: Buffer) => {
    try {
      await parsePlanFile({ fileName, content }, opts);
    } catch (error) {
      return error;
    }
    throw new Error('expected a PlanFileError');
  };

  it('random bytes named x.docx are UNREADABLE_FILE', async () => {
    const error = await readError('x.docx', randomBytes(512));
    expect(error).toBeInstanceOf(PlanFileError);
    expect(error).toMatchObject({ code: 'UNREADABLE_FILE', name: 'PlanFileError' });
    expect((error as Error).message).toContain('x.docx');
  });

  it('a damaged zip named .xlsx is UNREADABLE_FILE', async () => {
    const error = await readError('x.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(256)]));
    expect(error).toMatchObject({ code: 'UNREADABLE_FILE' });
  });

  it('an empty file is UNREADABLE_FILE', async () => {
    expect(await readError('x.txt', Buffer.alloc(0))).toMatchObject({ code: 'UNREADABLE_FILE' });
  });

  it('text that is not UTF-8 is UNREADABLE_FILE', async () => {
    expect(await readError('x.txt', Buffer.from([0x4b, 0xea, 0x20, 0x68, 0x6f, 0xff]))).toMatchObject({ code: 'UNREADABLE_FILE' });
  });

  it('PDF, Word 97-2003 and unknown types are UNSUPPORTED_FILE', async () => {
    expect(await readError('x.pdf', Buffer.from('%PDF-1.7\n'))).toMatchObject({ code: 'UNSUPPORTED_FILE' });
    expect(await readError('x.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toMatchObject({ code: 'UNSUPPORTED_FILE' });
    expect(await readError('x.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toMatchObject({ code: 'UNSUPPORTED_FILE' });
  });

  it('goes by the content when the extension lies: a .docx saved as .txt is read as Word', async () => {
    const result = await parsePlanFile({ fileName: 'ke-hoach.txt', content: await buildAppendixDocx() }, opts);
    expect(result.tasks).toHaveLength(32);
  });

  it('reads UTF-16 text with a byte-order mark (Notepad "Unicode")', async () => {
    const content = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE_TEXT, 'utf16le')]);
    const result = await parsePlanFile({ fileName: 'ke-hoach.txt', content }, opts);
    expect(result.tasks).toHaveLength(32);
    expect(result.errors).toEqual([]);
  });
});

describe('years the working calendar cannot count (issue 16)', () => {
  it('a 2010 plan is refused row by row with CALENDAR_YEAR_UNSUPPORTED naming the year, never imported to crash on a timer', async () => {
    const result = await parseText(SAMPLE_TEXT.replaceAll('2023', '2010'));
    expect(result.planYear).toBe(2010);
    const refused = result.errors.filter((e) => e.code === 'CALENDAR_YEAR_UNSUPPORTED');
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect(refused[0]).toMatchObject({ cell: 'timeline', message: expect.stringContaining('năm 2010') });
    expect(refused.every((e) => e.message.includes('2013') && e.message.includes('2199'))).toBe(true);
  });

  it('one date in 2012 in a 2023 plan is refused on its row only; 2999 is not even a plan date', async () => {
    const edited = editSampleLine('4\tTriển khai chấm điểm', (line) => line.replace('Tháng 12/2023', 'Tháng 06/2012'));
    const result = await parseText(edited);
    const refused = result.errors.filter((e) => e.code === 'CALENDAR_YEAR_UNSUPPORTED');
    expect(refused).toEqual([expect.objectContaining({ message: expect.stringContaining('năm 2012'), ordinal: '4' })]);
    const far = await parseText(editSampleLine('4\tTriển khai chấm điểm', (line) => line.replace('Tháng 12/2023', 'Tháng 06/2999')));
    expect(far.errors).toEqual([expect.objectContaining({ code: 'UNREADABLE_DATE', ordinal: '4', message: expect.stringContaining('2999') })]);
  });

  it('the shipped 2023 plan has no such error', async () => {
    expect((await parseText(SAMPLE_TEXT)).errors.filter((e) => e.code === 'CALENDAR_YEAR_UNSUPPORTED')).toEqual([]);
  });
});
