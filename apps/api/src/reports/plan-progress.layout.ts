import { STATUS_WORD_COLOURS, STATUS_WORDS, type StatusWord } from '@app/domain';
import { formatVietnameseDate } from '@app/persistence';
import type { TaskSnapshot } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { STATUS_WORD_KEYS } from '../plans/plan.dto';
import { STATE_LABELS } from '../tasks/task-labels';
import type { PlanProgressReportDto, PlanProgressRowDto, PlanProgressSectionDto, PlanProgressUnitLineDto } from './plan-progress.dto';
import { fileNameOf, sheetNameOf, type ReportCell, type ReportColumn, type ReportDocument, type ReportRow } from './report-document';

/**
 * Plan progress (scenario 11): the plan's appendix in its own layout (sections, STT, the task, lead
 * and coordinating units, timeline, note, any extra column) with what was done ("Kết quả thực
 * hiện") and the status word of every row; a group-led row lists each unit's own task under it.
 * Pure: the service loads the facts, these functions shape the JSON and the document.
 */

/** A task row of the plan as the read model holds it (the status word already as of `asOf`). */
export interface PlanTaskFacts {
  taskId: string;
  parentTaskId: string | null;
  rowKey: string | null;
  sectionId: string | null;
  title: string;
  leadRaw: string;
  coordinatingRaw: string;
  timelineRaw: string;
  note: string;
  extra: Record<string, string>;
  unitCode: string | null;
  unitName: string | null;
  state: string;
  statusWord: StatusWord;
  dueOn: string | null;
  extendedDueOn: string | null;
  /** The working end of the deadline in force (tasks.working_due_on; the deadline itself when it is a working day or the rule is off). */
  workingDueOn?: string | null;
  completedOn: string | null;
  progressPercent: number;
  pendingReviewCount: number;
  /** The parts of the workflow's snapshot the result column reads. */
  detail: Partial<Pick<TaskSnapshot, 'draft' | 'milestones' | 'rounds' | 'trigger' | 'extensions' | 'blockers'>>;
  /**
   * The reader may see the task itself (libs/persistence task-access.repository.ts): only then
   * does the result column quote its draft, reports and blockers; state, dates and status word
   * are the plan's progress.
   */
  visible: boolean;
}

export interface PlanProgressInput {
  organization: { code: string; name: string };
  plan: PlanProgressReportDto['plan'];
  sections: Array<{ id: string; code: string; title: string; position: number }>;
  tasks: PlanTaskFacts[];
  asOf: string;
}

const EXCERPT_MAX = 300;

function excerpt(text: string, max = EXCERPT_MAX): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

function date(iso: string | null | undefined): string {
  return formatVietnameseDate(iso) ?? '';
}

/** "II.2" → "2"; a unit's task "III.4/BTG" → "4"; a row without a section ".3" → "3". */
export function sttOf(rowKey: string | null): string {
  if (!rowKey) return '';
  const row = rowKey.split('/')[0];
  const dot = row.indexOf('.');
  return dot >= 0 ? row.slice(dot + 1) : row;
}

function compareStt(a: string, b: string): number {
  return a.localeCompare(b, 'vi', { numeric: true });
}

/** What was done, line by line, from the task row and its workflow's snapshot. */
export function resultLinesOf(t: PlanTaskFacts): string[] {
  const d = t.detail ?? {};
  const lines: string[] = [];
  switch (t.state) {
    case 'COMPLETED':
      if (t.statusWord === 'NOT_ARISEN') lines.push('Không phát sinh: đến hết kỳ kế hoạch, sự kiện khởi động không xảy ra');
      else lines.push(t.completedOn ? `Hoàn thành ngày ${date(t.completedOn)}` : 'Đã hoàn thành');
      break;
    case 'CANCELLED':
      lines.push('Đã hủy');
      break;
    case 'PENDING_TRIGGER':
      lines.push('Chưa bắt đầu: chờ sự kiện');
      break;
    case 'DRAFTING':
      lines.push(t.progressPercent > 0 ? `Đang dự thảo (tiến độ ${t.progressPercent}%)` : 'Đang dự thảo');
      break;
    case 'IN_REVIEW':
      lines.push(t.pendingReviewCount > 0 ? `Đang lấy ý kiến phối hợp (còn chờ ${t.pendingReviewCount} đơn vị)` : 'Đang lấy ý kiến phối hợp');
      break;
    case 'AWAITING_APPROVAL':
      lines.push('Chờ lãnh đạo phê duyệt');
      break;
    default:
      lines.push(STATE_LABELS[t.state] ?? t.state);
  }
  if (d.trigger) lines.push(`Sự kiện: ${excerpt(d.trigger.description, 200)} (ngày ${date(d.trigger.eventDate)})`);
  if (t.extendedDueOn) lines.push(`Gia hạn đến ${date(t.extendedDueOn)}${t.dueOn ? ` (hạn ban đầu ${date(t.dueOn)})` : ''}`);
  const inForce = t.extendedDueOn ?? t.dueOn;
  if (t.workingDueOn && inForce && t.workingDueOn !== inForce && ['DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL'].includes(t.state)) {
    lines.push(`Hạn ${date(inForce)} là ngày nghỉ: kết thúc cuối ngày ${date(t.workingDueOn)} (Điều 148 khoản 5 BLDS 2015)`);
  }
  if (d.extensions?.pending && t.state !== 'COMPLETED' && t.state !== 'CANCELLED') {
    lines.push(`Đang đề nghị gia hạn đến ${date(d.extensions.pending.requestedDueOn)}`);
  }
  const milestones = d.milestones ?? [];
  if (milestones.length > 1) {
    for (const m of milestones) {
      if (m.state === 'DONE') lines.push(`${m.label || `Mốc ${m.position + 1}`}: hoàn thành${m.completedOn ? ` ngày ${date(m.completedOn)}` : ''}`);
    }
  }
  const rounds = d.rounds ?? [];
  if (rounds.length) {
    const submitted = rounds.filter((r) => r.state === 'SUBMITTED' || r.state === 'ACKNOWLEDGED');
    lines.push(`Báo cáo định kỳ: đã nộp ${submitted.length}/${rounds.length} kỳ`);
    const last = [...submitted].reverse().find((r) => r.text);
    if (t.visible && last?.text) lines.push(`${last.label}: ${excerpt(last.text)}`);
  }
  if (t.visible) {
    if (d.draft?.text?.trim()) lines.push(`Nội dung: ${excerpt(d.draft.text)}`);
    for (const b of (d.blockers ?? []).filter((x) => !x.resolvedAt)) lines.push(`Vướng mắc: ${excerpt(b.text, 200)}`);
  }
  return lines;
}

/** A group-led row's result: how many of its units finished, which are late. */
export function groupResultLinesOf(row: PlanTaskFacts, units: PlanTaskFacts[]): string[] {
  if (row.state === 'CANCELLED') return ['Đã hủy'];
  const lines: string[] = [];
  if (row.state === 'COMPLETED') lines.push(row.completedOn ? `Hoàn thành ngày ${date(row.completedOn)}` : 'Đã hoàn thành');
  if (row.state === 'PENDING_TRIGGER') lines.push('Chưa bắt đầu: chờ sự kiện');
  const counted = units.filter((u) => u.state !== 'CANCELLED');
  lines.push(`Đơn vị đã hoàn thành: ${counted.filter((u) => u.state === 'COMPLETED').length}/${counted.length}`);
  const named = (word: StatusWord) => units.filter((u) => u.statusWord === word).map((u) => u.unitName ?? u.unitCode ?? '');
  const overdue = named('OPEN_OVERDUE');
  if (overdue.length) lines.push(`Đơn vị quá hạn: ${overdue.join(', ')}`);
  const late = named('DONE_LATE');
  if (late.length) lines.push(`Hoàn thành quá hạn: ${late.join(', ')}`);
  return lines;
}

function unitLineOf(t: PlanTaskFacts): PlanProgressUnitLineDto {
  return {
    taskId: t.taskId,
    unitCode: t.unitCode,
    unitName: t.unitName,
    state: t.state,
    stateLabel: STATE_LABELS[t.state] ?? t.state,
    statusWord: t.statusWord,
    statusLabel: STATUS_WORDS[t.statusWord] ?? t.statusWord,
    dueOn: t.dueOn,
    extendedDueOn: t.extendedDueOn,
    completedOn: t.completedOn,
    result: resultLinesOf(t),
  };
}

/** The JSON of the report: sections in the plan's order, rows by STT, each group-led row with its units. */
export function buildPlanProgress(input: PlanProgressInput): PlanProgressReportDto {
  const children = new Map<string, PlanTaskFacts[]>();
  for (const t of input.tasks) {
    if (t.parentTaskId) children.set(t.parentTaskId, [...(children.get(t.parentTaskId) ?? []), t]);
  }
  const rows = input.tasks.filter((t) => !t.parentTaskId);
  const rowOf = (t: PlanTaskFacts): PlanProgressRowDto => {
    const units = (children.get(t.taskId) ?? []).sort((a, b) => (a.unitCode ?? '').localeCompare(b.unitCode ?? ''));
    return {
      ...unitLineOf(t),
      result: units.length ? groupResultLinesOf(t, units) : resultLinesOf(t),
      rowKey: t.rowKey,
      stt: sttOf(t.rowKey),
      title: t.title,
      lead: t.leadRaw,
      coordinating: t.coordinatingRaw,
      timeline: t.timelineRaw,
      note: t.note,
      extra: t.extra ?? {},
      units: units.map(unitLineOf),
    };
  };
  const bySttThenKey = (a: PlanTaskFacts, b: PlanTaskFacts) => compareStt(sttOf(a.rowKey), sttOf(b.rowKey)) || (a.rowKey ?? '').localeCompare(b.rowKey ?? '');
  const known = new Set(input.sections.map((s) => s.id));
  const sections: PlanProgressSectionDto[] = [];
  // Rows outside any section (a plan whose appendix has none) come first, as they are printed.
  const loose = rows.filter((t) => !t.sectionId || !known.has(t.sectionId)).sort(bySttThenKey);
  if (loose.length) sections.push({ code: null, title: null, rows: loose.map(rowOf) });
  for (const s of [...input.sections].sort((a, b) => a.position - b.position)) {
    sections.push({ code: s.code, title: s.title, rows: rows.filter((t) => t.sectionId === s.id).sort(bySttThenKey).map(rowOf) });
  }
  const byStatus = Object.fromEntries(STATUS_WORD_KEYS.map((k) => [k, 0])) as Record<StatusWord, number>;
  for (const t of rows) byStatus[t.statusWord] = (byStatus[t.statusWord] ?? 0) + 1;
  const extraColumns: string[] = [];
  for (const t of input.tasks) for (const k of Object.keys(t.extra ?? {})) if (!extraColumns.includes(k)) extraColumns.push(k);
  return { organization: input.organization, plan: input.plan, asOf: input.asOf, extraColumns, sections, totals: { total: rows.length, byStatus } };
}

/** "Kế hoạch số 25/KH-SNV ngày 03/02/2023 của Sở Nội vụ", with what the plan tells. */
export function planReferenceOf(plan: PlanProgressReportDto['plan']): string {
  const parts = ['Kế hoạch'];
  if (plan.number) parts.push(`số ${plan.number}`);
  if (plan.issuedOn) parts.push(`ngày ${date(plan.issuedOn)}`);
  if (plan.issuer) parts.push(`của ${plan.issuer}`);
  if (!plan.number && !plan.issuedOn) parts.push(plan.startYear === plan.endYear ? `năm ${plan.startYear}` : `giai đoạn ${plan.startYear}–${plan.endYear}`);
  return parts.join(' ');
}

function statusCell(word: StatusWord): ReportCell {
  return { value: STATUS_WORDS[word], align: 'center', fill: STATUS_WORD_COLOURS[word].tint };
}

/** The report as a document in the appendix's own layout, for the .xlsx and .docx writers. */
export function planProgressDocument(report: PlanProgressReportDto): ReportDocument {
  const columns: ReportColumn[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: 'Nhiệm vụ cụ thể', width: 42 },
    { header: 'Cơ quan chủ trì', width: 18 },
    { header: 'Cơ quan phối hợp', width: 20 },
    { header: 'Thời gian thực hiện', width: 18 },
    ...report.extraColumns.map((header) => ({ header, width: 16 })),
    { header: 'Kết quả thực hiện', width: 40 },
    { header: 'Tình trạng', width: 16, align: 'center' },
    { header: 'Ghi chú', width: 12 },
  ];
  const rows: ReportRow[] = [];
  for (const section of report.sections) {
    if (section.code) rows.push({ kind: 'band', text: `${section.code}. ${section.title ?? ''}`.trim() });
    for (const row of section.rows) {
      rows.push({
        kind: 'cells',
        cells: [
          { value: row.stt },
          { value: row.title },
          { value: row.lead },
          { value: row.coordinating },
          { value: row.timeline },
          ...report.extraColumns.map((k) => ({ value: row.extra[k] ?? '' })),
          { value: row.result.join('\n') },
          statusCell(row.statusWord),
          { value: row.note },
        ],
      });
      for (const unit of row.units) {
        rows.push({
          kind: 'cells',
          cells: [
            { value: '' },
            { value: `- ${unit.unitName ?? unit.unitCode ?? ''}`, italic: true },
            { value: unit.unitName ?? unit.unitCode ?? '', italic: true },
            { value: '' },
            { value: unit.extendedDueOn ? `Gia hạn đến ${date(unit.extendedDueOn)}` : '', italic: true },
            ...report.extraColumns.map(() => ({ value: '' })),
            { value: unit.result.join('\n'), italic: true },
            statusCell(unit.statusWord),
            { value: '' },
          ],
        });
      }
    }
  }
  // Totals: the label across the appendix columns and the result, the count in the status column.
  const labelSpan = columns.length - 3;
  rows.push({ kind: 'band', text: 'TỔNG HỢP' });
  rows.push({
    kind: 'cells',
    bold: true,
    cells: [{ value: '' }, { value: 'Tổng số nhiệm vụ', span: labelSpan, align: 'right' }, { value: report.totals.total, align: 'center' }, { value: '' }],
  });
  for (const word of STATUS_WORD_KEYS) {
    rows.push({
      kind: 'cells',
      cells: [
        { value: '' },
        { value: STATUS_WORDS[word], span: labelSpan, align: 'right' },
        { value: report.totals.byStatus[word] ?? 0, align: 'center', fill: STATUS_WORD_COLOURS[word].tint },
        { value: '' },
      ],
    });
  }
  const asOf = date(report.asOf);
  return {
    fileName: fileNameOf(`Tiến độ thực hiện - ${report.plan.title} - đến ngày ${asOf.replaceAll('/', '-')}`),
    sheetName: sheetNameOf('Tiến độ thực hiện'),
    title: `Báo cáo tiến độ thực hiện ${report.plan.title}`,
    orientation: 'landscape',
    heading: [
      { text: report.organization.name.toLocaleUpperCase('vi'), bold: true },
      { text: 'BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH', bold: true, size: 14 },
      { text: report.plan.title, bold: true, size: 13 },
      { text: `(${planReferenceOf(report.plan)})`, italic: true },
      { text: `Tính đến ngày ${asOf}`, italic: true },
    ],
    columns,
    rows,
    footer: [
      {
        text:
          `Ghi chú: tình trạng tính đến ngày ${asOf} theo hạn đang có hiệu lực (kể cả gia hạn). ` +
          'Nhiệm vụ do nhiều đơn vị chủ trì được tính một lần trong tổng hợp; phần việc của từng đơn vị ghi ở các dòng ngay dưới nhiệm vụ.',
        italic: true,
        size: 10,
      },
    ],
  };
}
