import { parseTimeline } from './timeline.parser';
import type { Milestone, TimelineParse, TimelineParseOptions, TimelineWarningCode } from './timeline.types';

/** Milestones compared without `source`, which is checked on its own below. */
type Expected = Omit<Milestone, 'source'>;

const Y2023: TimelineParseOptions = { planYear: 2023 };
const Y2024: TimelineParseOptions = { planYear: 2024 };
const Y2022_2025: TimelineParseOptions = { planYear: 2022, planEndYear: 2025 };

function deadline(due: string, label = ''): Expected {
  return { label, kind: 'deadline', due, start: null, until: null, trigger: null, recurrence: null };
}
function ongoing(year: number, label = ''): Expected {
  return ongoingRange(`${year}-01-01`, `${year}-12-31`, label);
}
function ongoingRange(start: string, due: string, label = ''): Expected {
  return { label, kind: 'ongoing', due, start, until: due, trigger: null, recurrence: 'reporting-calendar' };
}
function recurring(recurrence: Milestone['recurrence'], planYear = 2023, endYear = planYear, trigger: string | null = null, label = ''): Expected {
  return { label, kind: 'recurring', due: null, start: `${planYear}-01-01`, until: `${endYear}-12-31`, trigger, recurrence };
}
function event(trigger: string, label = ''): Expected {
  return { label, kind: 'event', due: null, start: null, until: null, trigger, recurrence: null };
}
function external(trigger: string, label = ''): Expected {
  return { label, kind: 'external', due: null, start: null, until: null, trigger, recurrence: null };
}

function withoutSource(parse: TimelineParse): Expected[] {
  return parse.milestones.map(({ source: _source, ...rest }) => rest);
}
function codes(parse: TimelineParse): TimelineWarningCode[] {
  return parse.warnings.map((w) => w.code);
}

/** Parses and checks the invariants every parse must keep, whatever the input. */
function parse(raw: string, opts: TimelineParseOptions = Y2023): TimelineParse {
  const result = parseTimeline(raw, opts);
  expect(result.raw).toBe(raw);
  // Nothing is silently dropped: a cell gives milestones, warnings, or both.
  expect(result.milestones.length + result.warnings.length).toBeGreaterThan(0);
  for (const m of result.milestones) {
    if (m.due !== null) expect(m.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(m.source.length).toBeGreaterThan(0);
  }
  for (const w of result.warnings) {
    expect(w.message).toMatch(/[ăâđêôơưàáảãạ]/i); // Vietnamese, for the reviewer
  }
  return result;
}

describe('parseTimeline: expressions of PLAN_FORMAT.md "Timeline expressions"', () => {
  test.each<[string, TimelineParseOptions, Expected[]]>([
    // Month: due at the end of the month, leap years right.
    ['Tháng 12/2023', Y2023, [deadline('2023-12-31')]],
    ['Tháng 02/2023', Y2023, [deadline('2023-02-28')]],
    ['tháng 2/2023', Y2023, [deadline('2023-02-28')]],
    ['tháng 2/2024', Y2024, [deadline('2024-02-29')]],
    // Quarter: end of quarter; a list of quarters gives one milestone each, sharing the trailing year.
    ['Quý I/2024', Y2024, [deadline('2024-03-31')]],
    ['Quý II', Y2023, [deadline('2023-06-30')]],
    ['quý II, quý III năm 2024', Y2024, [deadline('2024-06-30', 'Quý II/2024'), deadline('2024-09-30', 'Quý III/2024')]],
    // Half-year of the plan year.
    ['6 tháng đầu năm', Y2023, [deadline('2023-06-30')]],
    ['6 tháng cuối năm', Y2023, [deadline('2023-12-31')]],
    // A day.
    ['trước ngày 20/01/2024', Y2023, [deadline('2024-01-20')]],
    ['Trước 30/6', Y2023, [deadline('2023-06-30')]],
    ['15/12/2023', Y2023, [deadline('2023-12-15')]],
    // Ongoing over a year: final deadline 31/12, progress reports meanwhile.
    ['Cả năm', Y2023, [ongoing(2023)]],
    ['Trong năm 2023', Y2023, [ongoing(2023)]],
    ['Năm 2024', Y2024, [ongoing(2024)]],
    // Continuous or recurring: no single deadline, runs until the plan ends.
    ['Thường xuyên', Y2023, [recurring('reporting-calendar')]],
    ['Hằng năm', Y2023, [recurring('yearly')]],
    ['Định kỳ hằng quý', Y2023, [recurring('quarterly')]],
    // Labelled milestones.
    [
      'Ban hành Kế hoạch: tháng 2/2023 Thực hiện: cả năm',
      Y2023,
      [deadline('2023-02-28', 'Ban hành Kế hoạch'), ongoing(2023, 'Thực hiện')],
    ],
    [
      'Ban hành Kế hoạch: tháng 4/2023 Thực hiện: tháng 6/2023',
      Y2023,
      [deadline('2023-04-30', 'Ban hành Kế hoạch'), deadline('2023-06-30', 'Thực hiện')],
    ],
    [
      'Đăng ký: Tháng 3/2023 Xây dựng Phương án: Sau khi UBND tỉnh ban hành Kế hoạch KSTTHC năm 2023',
      Y2023,
      [deadline('2023-03-31', 'Đăng ký'), event('Sau khi UBND tỉnh ban hành Kế hoạch KSTTHC năm 2023', 'Xây dựng Phương án')],
    ],
    // Event-triggered.
    ['Sau khi UBND tỉnh ban hành', Y2023, [event('Sau khi UBND tỉnh ban hành')]],
    ['Sau khi có Quyết định phê duyệt của UBND tỉnh', Y2023, [event('Sau khi có Quyết định phê duyệt của UBND tỉnh')]],
    ['Sau khi đã xây dựng phần mềm', Y2023, [event('Sau khi đã xây dựng phần mềm')]],
    // External schedule.
    ['Theo Kế hoạch của UBND tỉnh', Y2023, [external('Theo Kế hoạch của UBND tỉnh')]],
    ['Theo Kế hoạch mở lớp / tuyển dụng của UBND tỉnh', Y2023, [external('Theo Kế hoạch mở lớp / tuyển dụng của UBND tỉnh')]],
    ['Theo Kế hoạch tuyển dụng', Y2023, [external('Theo Kế hoạch tuyển dụng')]],
    // Recurring on an event.
    [
      'Khi có các văn bản QPPL mới ban hành',
      Y2023,
      [recurring('on-event', 2023, 2023, 'Khi có các văn bản QPPL mới ban hành')],
    ],
    // Multi-year: one yearly round per year.
    ['Giai đoạn 2022-2025', Y2022_2025, [2022, 2023, 2024, 2025].map((y) => ongoing(y, `Năm ${y}`))],
    ['2022-2025', Y2022_2025, [2022, 2023, 2024, 2025].map((y) => ongoing(y, `Năm ${y}`))],
  ])('%s', (raw, opts, expected) => {
    const result = parse(raw, opts);
    expect(withoutSource(result)).toEqual(expected);
    expect(result.warnings).toEqual([]);
  });

  test('recurring rows close at the end of a multi-year plan', () => {
    expect(withoutSource(parse('Thường xuyên', Y2022_2025))).toEqual([recurring('reporting-calendar', 2022, 2025)]);
    expect(withoutSource(parse('Hằng năm', Y2022_2025))).toEqual([recurring('yearly', 2022, 2025)]);
  });

  test('each milestone names the text it came from', () => {
    const result = parse('Ban hành Kế hoạch: tháng 2/2023 Thực hiện: cả năm');
    expect(result.milestones.map((m) => m.source)).toEqual(['tháng 2/2023', 'cả năm']);
  });
});

describe('parseTimeline: every "Thời gian thực hiện" cell of seed 003 (plan year 2023)', () => {
  // The 32 task rows of the appendix, in order, with page-break continuations already glued
  // (row III.1 continues on the next page with "2023").
  const C = {
    issueAndRun: 'Ban hành Kế hoạch: tháng 2/2023 Thực hiện: cả năm',
    afterProvince: 'Sau khi UBND tỉnh ban hành',
    continuous: 'Thường xuyên',
    wholeYear: 'Cả năm',
    provincePlan: 'Theo Kế hoạch của UBND tỉnh',
    newLaw: 'Khi có các văn bản QPPL mới ban hành',
    afterSoftware: 'Sau khi đã xây dựng phần mềm',
  };
  const ROWS: [string, string, Expected[]][] = [
    ['I.1', C.issueAndRun, [deadline('2023-02-28', 'Ban hành Kế hoạch'), ongoing(2023, 'Thực hiện')]],
    ['I.2', C.afterProvince, [event(C.afterProvince)]],
    ['I.3', C.continuous, [recurring('reporting-calendar')]],
    ['I.4', 'Tháng 12/2023', [deadline('2023-12-31')]],
    ['I.5', 'Tháng 11/2023', [deadline('2023-11-30')]],
    ['I.6', 'Tháng 9/2023', [deadline('2023-09-30')]],
    ['I.7', C.wholeYear, [ongoing(2023)]],
    ['II.1', C.provincePlan, [external(C.provincePlan)]],
    ['II.2', 'Tháng 2/2023', [deadline('2023-02-28')]],
    ['II.3', 'Tháng 3/2023', [deadline('2023-03-31')]],
    ['II.4', C.provincePlan, [external(C.provincePlan)]],
    [
      'III.1',
      'Đăng ký: Tháng 3/2023 Xây dựng Phương án: Sau khi UBND tỉnh ban hành Kế hoạch KSTTHC năm 2023',
      [deadline('2023-03-31', 'Đăng ký'), event('Sau khi UBND tỉnh ban hành Kế hoạch KSTTHC năm 2023', 'Xây dựng Phương án')],
    ],
    ['III.2', C.newLaw, [recurring('on-event', 2023, 2023, C.newLaw)]],
    ['III.3', C.newLaw, [recurring('on-event', 2023, 2023, C.newLaw)]],
    ['III.4', 'Tháng 02/2023', [deadline('2023-02-28')]],
    ['IV.1', 'Tháng 01/2023', [deadline('2023-01-31')]],
    ['V.1', C.continuous, [recurring('reporting-calendar')]],
    ['V.2', 'Theo Kế hoạch mở lớp của UBND tỉnh', [external('Theo Kế hoạch mở lớp của UBND tỉnh')]],
    ['V.3', C.provincePlan, [external(C.provincePlan)]],
    ['V.4', 'Theo Kế hoạch tuyển dụng của UBND tỉnh', [external('Theo Kế hoạch tuyển dụng của UBND tỉnh')]],
    [
      'V.5',
      'Ban hành Kế hoạch: tháng 4/2023 Thực hiện: tháng 6/2023',
      [deadline('2023-04-30', 'Ban hành Kế hoạch'), deadline('2023-06-30', 'Thực hiện')],
    ],
    ['VI.1', C.wholeYear, [ongoing(2023)]],
    ['VI.2', 'Tháng 4/2023', [deadline('2023-04-30')]],
    ['VI.3', 'Tháng 01/2023', [deadline('2023-01-31')]],
    ['VII.1', C.wholeYear, [ongoing(2023)]],
    ['VII.2', 'Tháng 5/2023', [deadline('2023-05-31')]],
    ['VII.3', C.afterSoftware, [event(C.afterSoftware)]],
    ['VII.4', C.afterSoftware, [event(C.afterSoftware)]],
    ['VII.5', C.continuous, [recurring('reporting-calendar')]],
    ['VII.6', C.afterSoftware, [event(C.afterSoftware)]],
    ['VII.7', 'Sau khi có Quyết định phê duyệt của UBND tỉnh', [event('Sau khi có Quyết định phê duyệt của UBND tỉnh')]],
    ['VII.8', 'Tháng 8/2023', [deadline('2023-08-31')]],
  ];

  test('the fixture holds the 32 task rows (7+4+4+1+5+3+8)', () => {
    expect(ROWS).toHaveLength(32);
  });

  test.each(ROWS)('row %s: %s', (_row, raw, expected) => {
    const result = parse(raw, Y2023);
    expect(withoutSource(result)).toEqual(expected);
    expect(result.warnings).toEqual([]);
  });

  test('row III.1 before gluing its page-break continuation is still an event after a dated milestone', () => {
    const result = parse('Đăng ký: Tháng 3/2023 Xây dựng Phương án: Sau khi UBND tỉnh ban hành Kế hoạch KSTTHC năm');
    expect(withoutSource(result)).toEqual([
      deadline('2023-03-31', 'Đăng ký'),
      event('Sau khi UBND tỉnh ban hành Kế hoạch KSTTHC năm', 'Xây dựng Phương án'),
    ]);
    expect(result.warnings).toEqual([]);
  });
});

describe('parseTimeline: date expressions in the prose of seeds 000-004', () => {
  test('seed 004 reporting calendar, one labelled deadline per line', () => {
    const raw = [
      '- Báo cáo CCHC quý I năm 2024: trước ngày 14/3/2024;',
      '- Báo cáo CCHC 6 tháng năm 2024: trước ngày 14/6/2024;',
      '- Báo cáo CCHC quý III năm 2024: trước ngày 14/9/2024;',
      '- Báo cáo CCHC năm 2024: trước ngày 14/12/2024.',
    ].join('\n');
    const result = parse(raw, Y2024);
    expect(withoutSource(result)).toEqual([
      deadline('2024-03-14', 'Báo cáo CCHC quý I năm 2024'),
      deadline('2024-06-14', 'Báo cáo CCHC 6 tháng năm 2024'),
      deadline('2024-09-14', 'Báo cáo CCHC quý III năm 2024'),
      deadline('2024-12-14', 'Báo cáo CCHC năm 2024'),
    ]);
    expect(result.warnings).toEqual([]);
  });

  test.each<[string, TimelineParseOptions, Expected[]]>([
    ['trước ngày **20/01/2024**', Y2023, [deadline('2024-01-20')]],
    ['dự kiến quý II, quý III năm 2024', Y2024, [deadline('2024-06-30', 'Quý II/2024'), deadline('2024-09-30', 'Quý III/2024')]],
    ['6 tháng năm 2024', Y2024, [deadline('2024-06-30')]],
    ['giai đoạn 2023-2025', { planYear: 2023, planEndYear: 2025 }, [2023, 2024, 2025].map((y) => ongoing(y, `Năm ${y}`))],
    ['Giai đoạn 2022 - 2025', Y2022_2025, [2022, 2023, 2024, 2025].map((y) => ongoing(y, `Năm ${y}`))],
    ['2022– 2025', Y2022_2025, [2022, 2023, 2024, 2025].map((y) => ongoing(y, `Năm ${y}`))],
    ['Hàng năm', Y2023, [recurring('yearly')]],
    ['Định kỳ hàng quý, 6 tháng, năm', Y2023, [recurring('reporting-calendar')]],
  ])('%s', (raw, opts, expected) => {
    const result = parse(raw, opts);
    expect(withoutSource(result)).toEqual(expected);
    expect(result.warnings).toEqual([]);
  });

  test('"Định kỳ 6 tháng, năm" is the two half-yearly rounds only (six months and the year), not the quarters', () => {
    expect(withoutSource(parse('Định kỳ 6 tháng, năm'))).toEqual([recurring('half-yearly')]);
    expect(withoutSource(parse('Định kỳ (6 tháng, năm)'))).toEqual([recurring('half-yearly')]);
  });

  test('"Định kỳ (quý, 6 tháng, năm)" means the plan reporting calendar', () => {
    expect(withoutSource(parse('Định kỳ (quý, 6 tháng, năm)'))).toEqual([recurring('reporting-calendar')]);
  });
});

describe('parseTimeline: robustness to how people type', () => {
  test.each<[string, TimelineParseOptions, Expected[]]>([
    // Unicode: NFD input (macOS, some PDF extractors) reads like NFC.
    ['Tháng 12/2023'.normalize('NFD'), Y2023, [deadline('2023-12-31')]],
    ['Ban hành Kế hoạch: tháng 2/2023 Thực hiện: cả năm'.normalize('NFD'), Y2023, [deadline('2023-02-28', 'Ban hành Kế hoạch'), ongoing(2023, 'Thực hiện')]],
    ['Sau khi UBND tỉnh ban hành'.normalize('NFD'), Y2023, [event('Sau khi UBND tỉnh ban hành')]],
    // Case.
    ['THÁNG 12/2023', Y2023, [deadline('2023-12-31')]],
    ['QUÝ IV/2023', Y2023, [deadline('2023-12-31')]],
    ['cả năm', Y2023, [ongoing(2023)]],
    ['CẢ NĂM', Y2023, [ongoing(2023)]],
    ['thường xuyên', Y2023, [recurring('reporting-calendar')]],
    ['ban hành kế hoạch: tháng 2/2023 thực hiện: cả năm', Y2023, [deadline('2023-02-28', 'ban hành kế hoạch'), ongoing(2023, 'thực hiện')]],
    // Whitespace.
    ['  Tháng   12 / 2023  ', Y2023, [deadline('2023-12-31')]],
    ['\tTháng\u00a012/2023\n', Y2023, [deadline('2023-12-31')]],
    ['Ban hành Kế hoạch:tháng 2/2023   Thực hiện :  cả năm', Y2023, [deadline('2023-02-28', 'Ban hành Kế hoạch'), ongoing(2023, 'Thực hiện')]],
    // "năm" vs "/" vs "-" vs ".".
    ['tháng 12 năm 2023', Y2023, [deadline('2023-12-31')]],
    ['Tháng 12-2023', Y2023, [deadline('2023-12-31')]],
    ['Tháng 12.2023', Y2023, [deadline('2023-12-31')]],
    ['tháng 3, 2023', Y2023, [deadline('2023-03-31')]],
    ['12/2023', Y2023, [deadline('2023-12-31')]],
    ['quý I năm 2024', Y2024, [deadline('2024-03-31')]],
    ['Quý IV - 2023', Y2023, [deadline('2023-12-31')]],
    ['6 tháng đầu năm 2024', Y2023, [deadline('2024-06-30')]],
    ['Cả năm 2024', Y2024, [ongoing(2024)]],
    // Roman or Arabic quarter numbers, and the older spelling "Quí".
    ['Quý 1/2024', Y2024, [deadline('2024-03-31')]],
    ['quý 3', Y2023, [deadline('2023-09-30')]],
    ['Quí II năm 2023', Y2023, [deadline('2023-06-30')]],
    ['Quý III', Y2023, [deadline('2023-09-30')]],
    ['quý I, II/2024', Y2024, [deadline('2024-03-31', 'Quý I/2024'), deadline('2024-06-30', 'Quý II/2024')]],
    // Day and month with or without leading zeros; other separators and the long form.
    ['trước ngày 5/1/2024', Y2023, [deadline('2024-01-05')]],
    ['05/01/2024', Y2023, [deadline('2024-01-05')]],
    ['15-12-2023', Y2023, [deadline('2023-12-15')]],
    ['15.12.2023', Y2023, [deadline('2023-12-15')]],
    ['ngày 15 tháng 12 năm 2023', Y2023, [deadline('2023-12-15')]],
    ['Chậm nhất là ngày 30/11/2023', Y2023, [deadline('2023-11-30')]],
    ['Hoàn thành trước ngày 31/3', Y2023, [deadline('2023-03-31')]],
    ['trước 29/02', Y2024, [deadline('2024-02-29')]],
    // Text typed without diacritics.
    ['Thang 12/2023', Y2023, [deadline('2023-12-31')]],
    ['Ca nam', Y2023, [ongoing(2023)]],
    ['Thuong xuyen', Y2023, [recurring('reporting-calendar')]],
    ['Quy II', Y2023, [deadline('2023-06-30')]],
    ['Truoc ngay 20/01/2024', Y2023, [deadline('2024-01-20')]],
    // Conversion residue and list bullets.
    ['<b>Tháng 12/2023</b>', Y2023, [deadline('2023-12-31')]],
    ['- Tháng 12/2023.', Y2023, [deadline('2023-12-31')]],
    ['(Tháng 12/2023)', Y2023, [deadline('2023-12-31')]],
    // Milestones separated by a line break, ';' or a dash instead of nothing.
    ['Ban hành Kế hoạch: tháng 2/2023\nThực hiện: cả năm', Y2023, [deadline('2023-02-28', 'Ban hành Kế hoạch'), ongoing(2023, 'Thực hiện')]],
    ['Ban hành Kế hoạch: tháng 2/2023; Thực hiện: cả năm', Y2023, [deadline('2023-02-28', 'Ban hành Kế hoạch'), ongoing(2023, 'Thực hiện')]],
    ['Ban hành Kế hoạch: tháng 2/2023 - Thực hiện: cả năm', Y2023, [deadline('2023-02-28', 'Ban hành Kế hoạch'), ongoing(2023, 'Thực hiện')]],
    [
      'Xây dựng: Sau khi UBND tỉnh ban hành\nTriển khai: Quý IV/2023',
      Y2023,
      [event('Sau khi UBND tỉnh ban hành', 'Xây dựng'), deadline('2023-12-31', 'Triển khai')],
    ],
  ])('%j', (raw, opts, expected) => {
    const result = parse(raw, opts);
    expect(withoutSource(result)).toEqual(expected);
    expect(result.warnings).toEqual([]);
  });
});

describe('parseTimeline: further common forms', () => {
  test.each<[string, TimelineParseOptions, Expected[]]>([
    ['Tháng 3, 6 và 9/2023', Y2023, [deadline('2023-03-31', 'Tháng 3/2023'), deadline('2023-06-30', 'Tháng 6/2023'), deadline('2023-09-30', 'Tháng 9/2023')]],
    ['Tháng 3/2023, tháng 9/2023', Y2023, [deadline('2023-03-31', 'Tháng 3/2023'), deadline('2023-09-30', 'Tháng 9/2023')]],
    ['Từ tháng 3 đến tháng 6/2023', Y2023, [ongoingRange('2023-03-01', '2023-06-30')]],
    ['Tháng 3-6/2023', Y2023, [ongoingRange('2023-03-01', '2023-06-30')]],
    ['tháng 11/2023 - tháng 2/2024', Y2023, [ongoingRange('2023-11-01', '2024-02-29')]],
    ['Quý I - Quý II/2024', Y2024, [ongoingRange('2024-01-01', '2024-06-30')]],
    ['Từ năm 2023 đến năm 2024', Y2023, [ongoing(2023, 'Năm 2023'), ongoing(2024, 'Năm 2024')]],
    ['Trong quý II', Y2023, [deadline('2023-06-30')]],
    ['cuối tháng 5', Y2023, [deadline('2023-05-31')]],
    ['Cuối năm', Y2023, [deadline('2023-12-31')]],
    ['nửa cuối năm 2023', Y2023, [deadline('2023-12-31')]],
    ['Sáu tháng đầu năm', Y2023, [deadline('2023-06-30')]],
    ['2023', Y2023, [ongoing(2023)]],
    ['Hằng tháng', Y2023, [recurring('monthly')]],
    ['Định kỳ hằng tuần', Y2023, [recurring('weekly')]],
    ['Định kỳ 6 tháng', Y2023, [recurring('half-yearly')]],
    ['Định kỳ', Y2023, [recurring('reporting-calendar')]],
    ['Định kỳ hằng tháng, quý, năm', Y2023, [recurring('monthly')]],
    ['Định kỳ quý, năm', Y2023, [recurring('reporting-calendar')]],
    ['Thường xuyên, liên tục', Y2023, [recurring('reporting-calendar')]],
    ['Đột xuất', Y2023, [recurring('on-event', 2023, 2023, 'Đột xuất')]],
    ['Theo yêu cầu của UBND tỉnh', Y2023, [recurring('on-event', 2023, 2023, 'Theo yêu cầu của UBND tỉnh')]],
    ['Khi có Quyết định phê duyệt của UBND tỉnh', Y2023, [event('Khi có Quyết định phê duyệt của UBND tỉnh')]],
    ['Ngay sau khi có hướng dẫn của Bộ Nội vụ', Y2023, [event('Ngay sau khi có hướng dẫn của Bộ Nội vụ')]],
    ['Theo lịch của Bộ Nội vụ', Y2023, [external('Theo lịch của Bộ Nội vụ')]],
    ['Theo định kỳ quý', Y2023, [recurring('quarterly')]],
  ])('%s', (raw, opts, expected) => {
    const result = parse(raw, opts);
    expect(withoutSource(result)).toEqual(expected);
    expect(result.warnings).toEqual([]);
  });
});

describe('parseTimeline: garbage and doubtful input never invents a date', () => {
  test.each<[string, TimelineParseOptions, TimelineWarningCode]>([
    // Not understood at all.
    ['abc xyz', Y2023, 'TIMELINE_UNPARSED'],
    ['Lorem ipsum dolor sit amet', Y2023, 'TIMELINE_UNPARSED'],
    ['Sớm nhất có thể', Y2023, 'TIMELINE_UNPARSED'],
    ['Chưa xác định', Y2023, 'TIMELINE_UNPARSED'],
    ['Khi nào xong', Y2023, 'TIMELINE_UNPARSED'],
    ['???', Y2023, 'TIMELINE_UNPARSED'],
    ['42', Y2023, 'TIMELINE_UNPARSED'],
    ['0', Y2023, 'TIMELINE_UNPARSED'],
    ['12345', Y2023, 'TIMELINE_UNPARSED'],
    ['1 2 3', Y2023, 'TIMELINE_UNPARSED'],
    ['3.14159', Y2023, 'TIMELINE_UNPARSED'],
    ['15/12/23', Y2023, 'TIMELINE_UNPARSED'], // two-digit year: 2023 or 1923? not guessed
    ['Tháng 12/2023 hoặc quý I/2024', Y2023, 'TIMELINE_UNPARSED'],
    ['Tháng 12/2023 (tùy tình hình)', Y2023, 'TIMELINE_UNPARSED'],
    ['Trước tháng 6/2023', Y2023, 'TIMELINE_UNPARSED'], // before June or by June? nobody can tell
    ['Trong 6 tháng', Y2023, 'TIMELINE_UNPARSED'], // a duration, not the first half-year
    ['Đầu năm', Y2023, 'TIMELINE_UNPARSED'],
    ['6 tháng, năm', Y2023, 'TIMELINE_UNPARSED'],
    ['Quý V', Y2023, 'TIMELINE_INVALID_DATE'],
    // Looks like a date, cannot exist.
    ['32/13/2023', Y2023, 'TIMELINE_INVALID_DATE'],
    ['31/02/2023', Y2023, 'TIMELINE_INVALID_DATE'],
    ['29/02/2023', Y2023, 'TIMELINE_INVALID_DATE'],
    ['trước 29/02', Y2023, 'TIMELINE_INVALID_DATE'],
    ['31/4/2023', Y2023, 'TIMELINE_INVALID_DATE'],
    ['0/5/2023', Y2023, 'TIMELINE_INVALID_DATE'],
    ['Tháng 13/2023', Y2023, 'TIMELINE_INVALID_DATE'],
    ['Tháng 0/2023', Y2023, 'TIMELINE_INVALID_DATE'],
    ['13/2023', Y2023, 'TIMELINE_INVALID_DATE'],
    ['Quý 5/2024', Y2024, 'TIMELINE_INVALID_DATE'],
    ['Quý 0', Y2023, 'TIMELINE_INVALID_DATE'],
    ['Tháng 12/1999', Y2023, 'TIMELINE_INVALID_DATE'],
    ['Giai đoạn 2025-2022', Y2023, 'TIMELINE_INVALID_DATE'],
    ['Giai đoạn 2000-2030', Y2023, 'TIMELINE_INVALID_DATE'],
    ['Tháng 6/2023 - tháng 3/2023', Y2023, 'TIMELINE_INVALID_DATE'],
    ['Quý III - quý I/2024', Y2024, 'TIMELINE_INVALID_DATE'],
    // A year is missing and cannot be filled in for sure.
    ['Tháng 12, tháng 1/2024', Y2023, 'TIMELINE_AMBIGUOUS_YEAR'],
    ['15/12, 20/01', Y2023, 'TIMELINE_AMBIGUOUS_YEAR'],
    ['Tháng 11 - tháng 2/2024', Y2023, 'TIMELINE_AMBIGUOUS_YEAR'],
    ['Tháng 6 - tháng 3/2023', Y2023, 'TIMELINE_AMBIGUOUS_YEAR'], // June 2022 to March 2023, or a typo?
    ['Quý IV/2023, quý I', Y2024, 'TIMELINE_AMBIGUOUS_YEAR'],
    ['Quý II', Y2022_2025, 'TIMELINE_YEAR_MISSING'],
    ['Cả năm', Y2022_2025, 'TIMELINE_YEAR_MISSING'],
    ['Trước 30/6', Y2022_2025, 'TIMELINE_YEAR_MISSING'],
  ])('%j (plan %j) → %s, no milestone', (raw, opts, code) => {
    const result = parse(raw, opts);
    expect(result.milestones).toEqual([]);
    expect(codes(result)).toEqual([code]);
    // The text is kept for the reviewer, verbatim apart from tidied whitespace.
    expect(result.warnings[0].fragment.length).toBeGreaterThan(0);
    expect(raw.normalize('NFC').replace(/\s+/g, ' ')).toContain(result.warnings[0].fragment);
  });

  test.each(['', ' ', '   \n\t  ', '\u00a0', '<b></b>'])('empty cell %j → TIMELINE_EMPTY', (raw) => {
    const result = parse(raw);
    expect(result.milestones).toEqual([]);
    expect(codes(result)).toEqual(['TIMELINE_EMPTY']);
    expect(result.warnings[0].message).toBe('Chưa có thời gian thực hiện; cần nhập thời hạn cho nhiệm vụ.');
  });

  test('an invalid date message says why, in Vietnamese', () => {
    expect(parse('31/02/2023').warnings[0].message).toBe(
      'Ngày tháng không hợp lệ trong "31/02/2023": tháng 2/2023 không có ngày 31; hệ thống không tự đoán thời hạn, cần kiểm tra lại.',
    );
    expect(parse('Tháng 13/2023').warnings[0].message).toContain('không có tháng 13');
    expect(parse('Quý V').warnings[0].message).toContain('không có quý V');
  });

  test('an unparsed labelled part keeps the other parts and names the label', () => {
    const result = parse('Đăng ký: Tháng 3/2023 Thẩm định: chưa xác định');
    expect(withoutSource(result)).toEqual([deadline('2023-03-31', 'Đăng ký')]);
    expect(result.warnings).toEqual([
      {
        code: 'TIMELINE_UNPARSED',
        message: 'Không hiểu được thời gian thực hiện "chưa xác định" (mốc "Thẩm định"); đã giữ nguyên văn bản, cần nhập lại thời hạn.',
        fragment: 'chưa xác định',
      },
    ]);
  });

  test('a date outside the plan years is kept but flagged as a likely typo', () => {
    const result = parse('Tháng 12/2022', Y2023);
    expect(withoutSource(result)).toEqual([deadline('2022-12-31')]);
    expect(codes(result)).toEqual(['TIMELINE_OUTSIDE_PLAN_PERIOD']);
    expect(result.warnings[0].message).toContain('31/12/2022');
    // The following year is normal for hand-in dates ("trước ngày 20/01/2024" in a 2023 plan).
    expect(parse('trước ngày 20/01/2024', Y2023).warnings).toEqual([]);
    expect(codes(parse('Tháng 3/2025', Y2023))).toEqual(['TIMELINE_OUTSIDE_PLAN_PERIOD']);
  });

  test('a value that runs into the next label is not cut at a guess', () => {
    // "hoặc tháng 4" continues the value: the first part is not read as March.
    const result = parse('Đăng ký: tháng 3/2023 hoặc tháng 4 Thực hiện: tháng 6/2023');
    expect(result.milestones.map((m) => m.due)).toEqual(['2023-06-30']);
    expect(codes(result)).toEqual(['TIMELINE_LABEL_UNCLEAR', 'TIMELINE_UNPARSED']);
  });

  test('free text followed by another label without a line break is flagged', () => {
    const result = parse('Xây dựng: Sau khi UBND tỉnh ban hành Thực hiện: tháng 6/2023');
    // Both milestones are kept (an event has no date to get wrong), the boundary is for a person to check.
    expect(result.milestones.map((m) => [m.kind, m.due])).toEqual([
      ['event', null],
      ['deadline', '2023-06-30'],
    ]);
    expect(codes(result)).toEqual(['TIMELINE_LABEL_UNCLEAR']);
  });

  test('a label without a value is read as the value', () => {
    expect(withoutSource(parse('Tháng 12/2023:'))).toEqual([deadline('2023-12-31')]);
    const result = parse('Đăng ký:');
    expect(result.milestones).toEqual([]);
    expect(codes(result)).toEqual(['TIMELINE_UNPARSED']);
  });

  test('a colon inside a number is not a label separator', () => {
    const result = parse('Theo tiêu chuẩn ISO 9001:2015');
    expect(withoutSource(result)).toEqual([external('Theo tiêu chuẩn ISO 9001:2015')]);
  });

  test('random strings never yield a date that is not in the text', () => {
    // Deterministic pseudo-random generator: the test must not be flaky.
    let seed = 20230203;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const alphabet = 'abcđeêghiklmnoôơpqrstuưvxyáàảãạ0123456789 /-.:,;QuýThángnăm';
    for (let i = 0; i < 500; i++) {
      const len = next() % 30;
      let raw = '';
      for (let j = 0; j < len; j++) raw += alphabet[next() % alphabet.length];
      const result = parseTimeline(raw, Y2023);
      expect(result.milestones.length + result.warnings.length).toBeGreaterThan(0);
      for (const m of result.milestones) {
        if (m.due === null) continue;
        const [y, mo, d] = m.due.split('-').map(Number);
        // Every due date is a real calendar day.
        expect(new Date(Date.UTC(y, mo - 1, d)).toISOString().slice(0, 10)).toBe(m.due);
      }
    }
  });
});

describe('parseTimeline: contract', () => {
  test('deterministic and free of shared state', () => {
    const raw = 'Ban hành Kế hoạch: tháng 2/2023 Thực hiện: cả năm';
    const a = parseTimeline(raw, Y2023);
    a.milestones[0].label = 'mutated';
    expect(parseTimeline(raw, Y2023)).toEqual({ ...a, milestones: [{ ...a.milestones[0], label: 'Ban hành Kế hoạch' }, a.milestones[1]] });
  });

  test('the result is plain JSON (read model, Temporal payloads)', () => {
    const result = parseTimeline('Đăng ký: Tháng 3/2023 Xây dựng Phương án: Sau khi UBND tỉnh ban hành', Y2023);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  test.each<[TimelineParseOptions]>([
    [{ planYear: 23 }],
    [{ planYear: 2023.5 }],
    [{ planYear: Number.NaN }],
    [{ planYear: 2023, planEndYear: 2022 }],
  ])('rejects bad options %j: a caller bug, not user data', (opts) => {
    expect(() => parseTimeline('Tháng 12/2023', opts)).toThrow(RangeError);
  });
});

describe('parseTimeline: the expressions of real plans (issue 16, item 5)', () => {
  const Y2023_2025: TimelineParseOptions = { planYear: 2023, planEndYear: 2025 };
  const withRoundDay = (e: Expected, roundDay: number): Expected => ({ ...e, roundDay });

  test.each<[string, TimelineParseOptions, Expected[]]>([
    // Periodic deadlines: one recurring row, each round due on the written day.
    ['Trước ngày 10 hằng tháng', Y2024, [withRoundDay(recurring('monthly', 2024), 10)]],
    ['Trước ngày 10 hàng tháng', Y2024, [withRoundDay(recurring('monthly', 2024), 10)]],
    ['Hằng tháng (trước ngày 25)', Y2024, [withRoundDay(recurring('monthly', 2024), 25)]],
    ['Hằng tháng, chậm nhất ngày 25', Y2024, [withRoundDay(recurring('monthly', 2024), 25)]],
    ['Trước ngày 20 tháng cuối quý', Y2024, [withRoundDay(recurring('quarterly', 2024), 20)]],
    ['Hằng quý (trước ngày 20 tháng cuối quý)', Y2024, [withRoundDay(recurring('quarterly', 2024), 20)]],
    ['Hằng quý', Y2024, [recurring('quarterly', 2024)]],
    ['Hằng năm', Y2024, [recurring('yearly', 2024)]],
    ['Hằng tuần', Y2024, [recurring('weekly', 2024)]],
    ['Hằng tháng', Y2022_2025, [recurring('monthly', 2022, 2025)]],
    // Open ranges: from a period to the plan's end, or from the plan's start to a period.
    ['Từ tháng 3/2023', Y2023_2025, [ongoingRange('2023-03-01', '2025-12-31')]],
    ['Từ tháng 3/2023 trở đi', Y2023, [ongoingRange('2023-03-01', '2023-12-31')]],
    ['Từ tháng 3', Y2023, [ongoingRange('2023-03-01', '2023-12-31')]],
    ['Từ quý II/2024', Y2024, [ongoingRange('2024-04-01', '2024-12-31')]],
    ['Từ năm 2024', Y2022_2025, [ongoingRange('2024-01-01', '2025-12-31')]],
    ['Đến hết năm 2023', Y2023, [ongoingRange('2023-01-01', '2023-12-31')]],
    ['Đến hết năm 2024', Y2023_2025, [ongoingRange('2023-01-01', '2024-12-31')]],
    ['Đến hết quý III/2024', Y2024, [ongoingRange('2024-01-01', '2024-09-30')]],
    ['Đến hết tháng 6/2024', Y2024, [ongoingRange('2024-01-01', '2024-06-30')]],
    // "Năm X và các năm tiếp theo": a yearly round per year up to the plan's last year.
    ['Năm 2023 và các năm tiếp theo', Y2023_2025, [ongoing(2023, 'Năm 2023'), ongoing(2024, 'Năm 2024'), ongoing(2025, 'Năm 2025')]],
    ['Năm 2023 và các năm tiếp theo', Y2023, [ongoing(2023)]],
    // Closed range written with a bare year at the end.
    ['Tháng 12/2023 - 2024', { planYear: 2023, planEndYear: 2024 }, [ongoingRange('2023-12-01', '2024-12-31')]],
    // Lists: one milestone per period, each labelled with its period.
    ['Quý II, quý III năm 2024', Y2024, [deadline('2024-06-30', 'Quý II/2024'), deadline('2024-09-30', 'Quý III/2024')]],
    ['(dự kiến quý II, quý III năm 2024)', Y2024, [deadline('2024-06-30', 'Quý II/2024'), deadline('2024-09-30', 'Quý III/2024')]],
    ['Tháng 3 và tháng 9', Y2024, [deadline('2024-03-31', 'Tháng 3/2024'), deadline('2024-09-30', 'Tháng 9/2024')]],
    // Combined cadences: the periodic rounds, plus a round each time one is asked for.
    ['Định kỳ, đột xuất', Y2024, [recurring('reporting-calendar', 2024, 2024, null, 'Định kỳ'), recurring('on-event', 2024, 2024, 'đột xuất', 'Đột xuất')]],
    ['Thường xuyên, đột xuất', Y2024, [recurring('reporting-calendar', 2024, 2024, null, 'Thường xuyên'), recurring('on-event', 2024, 2024, 'đột xuất', 'Đột xuất')]],
    ['Hằng năm, đột xuất', Y2024, [recurring('yearly', 2024, 2024, null, 'Hằng năm'), recurring('on-event', 2024, 2024, 'đột xuất', 'Đột xuất')]],
    ['Hằng quý hoặc đột xuất', Y2024, [recurring('quarterly', 2024, 2024, null, 'Hằng quý'), recurring('on-event', 2024, 2024, 'đột xuất', 'Đột xuất')]],
    [
      'Định kỳ hàng quý, 6 tháng, năm hoặc đột xuất',
      Y2023,
      [recurring('reporting-calendar', 2023, 2023, null, 'Định kỳ hàng quý, 6 tháng, năm'), recurring('on-event', 2023, 2023, 'đột xuất', 'Đột xuất')],
    ],
    ['Đột xuất', Y2024, [recurring('on-event', 2024, 2024, 'Đột xuất')]],
    ['Hằng quý, 6 tháng, năm', Y2024, [recurring('reporting-calendar', 2024)]],
    ['6 tháng', Y2024, [recurring('half-yearly', 2024)]],
    ['Hằng tuần, tháng', Y2024, [recurring('weekly', 2024)]],
    ['Theo từng tuần, tháng', Y2024, [recurring('weekly', 2024)]],
    ['Theo từng tháng', Y2024, [recurring('monthly', 2024)]],
  ])('%s (plan %j)', (raw, opts, expected) => {
    const result = parse(raw, opts);
    expect(withoutSource(result)).toEqual(expected);
    expect(result.warnings).toEqual([]);
  });

  test('a round day that no month has is refused, not moved', () => {
    expect(codes(parse('Trước ngày 32 hằng tháng', Y2024))).toEqual(['TIMELINE_INVALID_DATE']);
    expect(parse('Trước ngày 32 hằng tháng', Y2024).milestones).toEqual([]);
  });

  test('a range that ends before the plan starts is kept but flagged', () => {
    const result = parse('Đến hết năm 2022', Y2024);
    expect(withoutSource(result)).toEqual([ongoingRange('2022-01-01', '2022-12-31')]);
    expect(codes(result)).toEqual(['TIMELINE_OUTSIDE_PLAN_PERIOD']);
  });

  test('a bare "6 tháng" inside a longer text stays a duration', () => {
    expect(codes(parse('Trong 6 tháng', Y2024))).toEqual(['TIMELINE_UNPARSED']);
    expect(codes(parse('6 tháng, năm', Y2024))).toEqual(['TIMELINE_UNPARSED']);
  });

  test.each([
    ['Trước Tết Nguyên đán', Y2024],
    ['Trước Tết Nguyên đán', Y2022_2025],
    ['Dịp Tết', Y2024],
    ['Theo quy định', Y2024],
    ['Theo quy định của Bộ Nội vụ', Y2024],
    ['Theo chỉ đạo', Y2024],
    ['Theo chỉ đạo của UBND tỉnh', Y2024],
  ])('"%s" (plan %j) depends on what the text does not fix: flagged for a person, no date guessed', (raw, opts) => {
    const result = parse(raw, opts);
    expect(withoutSource(result)).toEqual([external(raw)]);
    expect(result.warnings).toEqual([
      {
        code: 'TIMELINE_NOT_FIXED',
        message: `Thời gian "${raw}" phụ thuộc vào điều mà kế hoạch không ghi rõ; hệ thống không tự đoán, cần người nhập thời hạn cụ thể.`,
        fragment: raw,
      },
    ]);
  });

  test('a labelled "Theo quy định" names its label in the warning', () => {
    const result = parse('Báo cáo: Theo quy định', Y2024);
    expect(withoutSource(result)).toEqual([external('Theo quy định', 'Báo cáo')]);
    expect(result.warnings[0].message).toContain('(mốc "Báo cáo")');
  });

  test('other external schedules are still read without a warning', () => {
    const result = parse('Theo Kế hoạch của UBND tỉnh', Y2024);
    expect(withoutSource(result)).toEqual([external('Theo Kế hoạch của UBND tỉnh')]);
    expect(result.warnings).toEqual([]);
  });
});
