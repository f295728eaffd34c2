import { STATUS_WORD_COLOURS, STATUS_WORDS, type StatusWord } from '@app/domain';
import { formatVietnameseDate, type UnitMonthlyRating } from '@app/persistence';
import { fileNameOf, sheetNameOf, type ReportCell, type ReportColumn, type ReportDocument, type ReportRow } from './report-document';

/**
 * The monthly unit rating as a document (scenario 11): per month of the (extended) due date, each
 * lead unit's tasks by status word and its on-time rate, a sum per month, and over a range of
 * several months the whole period per unit. Pure: the service loads `unitMonthlyRatings`.
 */
export interface UnitRatingsInput {
  organization: { code: string; name: string };
  /** 'YYYY-MM', both included. */
  from: string;
  to: string;
  /** Set when the report is one unit's (asked for, or all the reader may see). */
  unit: { code: string; name: string } | null;
  asOf: string;
  rows: UnitMonthlyRating[];
}

type Counts = Pick<UnitMonthlyRating, 'tasksDue' | 'completedOnTime' | 'completedLate' | 'overdueOpen' | 'openInTime' | 'waitingForEvent' | 'notArisen' | 'cancelled'>;

/** The counted columns, in the order printed, with the status word each one is. */
const COUNTS: Array<{ key: keyof Counts; header: string; word?: StatusWord }> = [
  { key: 'tasksDue', header: 'Nhiệm vụ đến hạn' },
  { key: 'completedOnTime', header: STATUS_WORDS.DONE_ON_TIME, word: 'DONE_ON_TIME' },
  { key: 'completedLate', header: STATUS_WORDS.DONE_LATE, word: 'DONE_LATE' },
  { key: 'overdueOpen', header: STATUS_WORDS.OPEN_OVERDUE, word: 'OPEN_OVERDUE' },
  { key: 'openInTime', header: STATUS_WORDS.OPEN_ON_TIME, word: 'OPEN_ON_TIME' },
  { key: 'waitingForEvent', header: STATUS_WORDS.WAITING, word: 'WAITING' },
  { key: 'notArisen', header: STATUS_WORDS.NOT_ARISEN, word: 'NOT_ARISEN' },
  { key: 'cancelled', header: STATUS_WORDS.CANCELLED, word: 'CANCELLED' },
];

/** 'YYYY-MM' → 'MM/YYYY'. */
export function monthText(month: string): string {
  const [y, m] = month.split('-');
  return `${m}/${y}`;
}

function sum(rows: Counts[]): Counts {
  const out = Object.fromEntries(COUNTS.map((c) => [c.key, 0])) as unknown as Counts;
  for (const r of rows) for (const c of COUNTS) out[c.key] += r[c.key];
  return out;
}

/** Share of the decided tasks (done, or overdue and open) done on time, as the stored rating counts it. */
export function onTimeRateOf(c: Counts): number | null {
  const decided = c.completedOnTime + c.completedLate + c.overdueOpen;
  return decided > 0 ? c.completedOnTime / decided : null;
}

function countCells(c: Counts, rate: number | null): ReportCell[] {
  return [...COUNTS.map((col) => ({ value: c[col.key] })), { value: rate, percent: true }];
}

function unitLabel(r: Pick<UnitMonthlyRating, 'unitName' | 'unitCode'>): string {
  return r.unitName || r.unitCode;
}

export function unitRatingsDocument(input: UnitRatingsInput): ReportDocument {
  const columns: ReportColumn[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: 'Đơn vị', width: 34 },
    ...COUNTS.map((c) => ({ header: c.header, width: 13, align: 'center' as const, fill: c.word ? STATUS_WORD_COLOURS[c.word].tint : undefined })),
    { header: 'Tỷ lệ đúng hạn', width: 12, align: 'center', percent: true },
  ];
  const range = input.from === input.to ? `Tháng ${monthText(input.from)}` : `Từ tháng ${monthText(input.from)} đến tháng ${monthText(input.to)}`;
  const rows: ReportRow[] = [];
  const months = [...new Set(input.rows.map((r) => r.month))].sort();
  const totalRow = (label: string, c: Counts): ReportRow => ({
    kind: 'cells',
    bold: true,
    cells: [{ value: label, span: 2, align: 'right' }, ...countCells(c, onTimeRateOf(c))],
  });
  for (const month of months) {
    const of = input.rows.filter((r) => r.month === month).sort((a, b) => a.unitCode.localeCompare(b.unitCode));
    rows.push({ kind: 'band', text: `Tháng ${monthText(month)}` });
    of.forEach((r, i) => rows.push({ kind: 'cells', cells: [{ value: i + 1 }, { value: unitLabel(r) }, ...countCells(r, r.onTimeRate)] }));
    if (of.length > 1) rows.push(totalRow(`Cộng tháng ${monthText(month)}`, sum(of)));
  }
  if (months.length > 1) {
    rows.push({ kind: 'band', text: `Cả kỳ: ${range.toLowerCase()}` });
    const units = [...new Map(input.rows.map((r) => [r.unitId, r])).values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode));
    units.forEach((u, i) => {
      const c = sum(input.rows.filter((r) => r.unitId === u.unitId));
      rows.push({ kind: 'cells', cells: [{ value: i + 1 }, { value: unitLabel(u) }, ...countCells(c, onTimeRateOf(c))] });
    });
  }
  if (months.length) rows.push(totalRow('Tổng cộng', sum(input.rows)));
  else rows.push({ kind: 'band', text: 'Không có nhiệm vụ nào đến hạn trong khoảng thời gian này.', fill: 'FFFFFF' });

  const asOf = formatVietnameseDate(input.asOf) ?? input.asOf;
  return {
    fileName: fileNameOf(
      `Đánh giá đơn vị theo tháng ${input.from === input.to ? monthText(input.from) : `${monthText(input.from)} đến ${monthText(input.to)}`}`.replaceAll('/', '-') +
        (input.unit ? ` - ${input.unit.name}` : ''),
    ),
    sheetName: sheetNameOf('Đánh giá đơn vị'),
    title: `Đánh giá kết quả thực hiện nhiệm vụ theo tháng ${range.toLowerCase()}`,
    orientation: 'landscape',
    heading: [
      { text: input.organization.name.toLocaleUpperCase('vi'), bold: true },
      { text: 'ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA CÁC ĐƠN VỊ THEO THÁNG', bold: true, size: 14 },
      ...(input.unit ? [{ text: `Đơn vị: ${input.unit.name}`, bold: true }] : []),
      { text: range, italic: true },
      { text: `Tính đến ngày ${asOf}`, italic: true },
    ],
    columns,
    rows,
    footer: [
      {
        text:
          'Ghi chú: nhiệm vụ được tính vào tháng của hạn đang có hiệu lực (kể cả gia hạn), cho đơn vị chủ trì; nhiệm vụ do nhiều đơn vị chủ trì ' +
          'được tính cho từng đơn vị. Nhiệm vụ đến hạn = hoàn thành (đúng hạn, quá hạn) + đang thực hiện (quá hạn, trong hạn). ' +
          'Tỷ lệ đúng hạn = hoàn thành đúng hạn / (hoàn thành + đang thực hiện quá hạn).',
        italic: true,
        size: 10,
      },
    ],
  };
}
