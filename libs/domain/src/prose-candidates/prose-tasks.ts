import { readDocxAppendix } from '../plan-import/docx-appendix.reader';
import type { ParsedTask, PlanFileInput, PlanParseIssue, PlanParseResult, PlanParseWarningCode } from '../plan-import/plan-parser';
import type { UnitRef } from '../units/unit-resolver';
import type { UnitDirectory } from '../units/unit-directory';
import { proposeProseCandidates, type ProseTaskCandidate } from './prose-proposals';
import { readEditedTimeline } from './prose-timeline';

/** The plan section the chosen candidates are filed under (their rows are `VB.<candidate id>`). */
export const PROSE_SECTION = { code: 'VB', title: 'Nhiệm vụ chọn từ văn bản kế hoạch' } as const;

/**
 * The candidates of a plan file without an appendix table, and the warnings that go with them: the
 * file refers to an appendix it does not contain (APPENDIX_NOT_ATTACHED, with the sentence). Empty
 * when the parse found a table (its rows are the tasks) or the plan year is unknown.
 */
export function proseReadingOf(
  parse: PlanParseResult,
  text: string,
  directory: UnitDirectory,
): { candidates: ProseTaskCandidate[]; warnings: PlanParseIssue<PlanParseWarningCode>[] } {
  if (parse.tasks.length || parse.planYear === null) return { candidates: [], warnings: [] };
  const proposal = proposeProseCandidates(text, { planYear: parse.planYear, planEndYear: parse.planEndYear ?? parse.planYear, directory });
  const warnings = proposal.appendixReferences.map((ref) => ({
    code: 'APPENDIX_NOT_ATTACHED' as const,
    message: `Kế hoạch ghi "${ref.sentence}" (dòng ${ref.line}) nhưng tệp không có phụ lục: hãy tải tệp phụ lục kèm theo (trường "appendix"), hoặc chọn nhiệm vụ từ các đề xuất đọc được trong văn bản.`,
    raw: ref.sentence,
    source: { line: ref.line },
  }));
  return { candidates: proposal.candidates, warnings };
}

/**
 * The same reading from the file itself: the text of a .txt/.md plan, the paragraphs before the first
 * table of a .docx; a workbook has no prose.
 */
export async function proseReadingOfFile(
  input: PlanFileInput,
  parse: PlanParseResult,
  directory: UnitDirectory,
): Promise<{ candidates: ProseTaskCandidate[]; warnings: PlanParseIssue<PlanParseWarningCode>[] }> {
  if (parse.tasks.length || parse.planYear === null) return { candidates: [], warnings: [] };
  const content = Buffer.isBuffer(input.content) ? input.content : Buffer.from(input.content);
  let text: string;
  if (content.includes('word/document.xml')) text = (await readDocxAppendix(content)).precedingText.join('\n');
  else if (content.includes('xl/workbook.xml')) return { candidates: [], warnings: [] };
  else text = decodeText(content);
  return proseReadingOf(parse, text, directory);
}

/**
 * A plan whose appendix came as a file of its own: the header (title, number, issuer, dates, signer)
 * from the plan, the sections, rows and their issues from the appendix.
 */
export function withSeparateAppendix(plan: PlanParseResult, rows: PlanParseResult): PlanParseResult {
  const header = { ...rows.header };
  for (const [key, value] of Object.entries(plan.header) as Array<[keyof typeof header, unknown]>) {
    if (value !== null && value !== undefined && key !== 'appendixTitle') (header as Record<string, unknown>)[key] = value;
  }
  return { ...rows, header, planYear: plan.planYear ?? rows.planYear, planEndYear: plan.planEndYear ?? rows.planEndYear };
}

/** The parser has already accepted the bytes as text: UTF-16 with a byte-order mark, else UTF-8. */
function decodeText(content: Buffer): string {
  if (content[0] === 0xff && content[1] === 0xfe) return new TextDecoder('utf-16le').decode(content);
  if (content[0] === 0xfe && content[1] === 0xff) return new TextDecoder('utf-16be').decode(content);
  return new TextDecoder('utf-8').decode(content);
}

/** One chosen candidate, as the monitor may have edited it. */
export interface CandidateChoice {
  id: string;
  title?: string;
  leadUnitCode?: string;
  coordinatingUnitCodes?: string[];
  timeline?: string;
}

export type CandidateProblemCode =
  | 'CANDIDATE_NOT_FOUND'
  | 'CANDIDATE_DUPLICATE'
  | 'CANDIDATE_UNIT_UNKNOWN'
  | 'CANDIDATE_LEAD_MISSING'
  | 'CANDIDATE_TIMELINE_UNREADABLE';

export interface CandidateProblem {
  code: CandidateProblemCode;
  candidateId: string;
  field: 'id' | 'leadUnitCode' | 'coordinatingUnitCodes' | 'timeline';
  /** The unit code or timeline at fault, as sent. */
  value?: string;
  message: string;
}

/**
 * The chosen candidates as appendix rows (the shape the importer stores and starts workflows for):
 * section `VB`, STT = the candidate's id, so the workflow id of a candidate's task never changes and a
 * second import of the same choice creates nothing. Edits win over what was read; every problem is
 * reported (none of the rows is usable until all are), so a refused choice stores nothing.
 */
export function candidateTaskRows(
  candidates: readonly ProseTaskCandidate[],
  choices: readonly CandidateChoice[],
  directory: UnitDirectory,
  years: { planYear: number; planEndYear?: number },
): { tasks: ParsedTask[]; problems: CandidateProblem[] } {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const units = new Map(directory.units.map((u) => [u.code, u]));
  const problems: CandidateProblem[] = [];
  const tasks: ParsedTask[] = [];
  const seen = new Set<string>();
  for (const choice of choices) {
    const candidate = byId.get(choice.id);
    if (!candidate) {
      problems.push({ code: 'CANDIDATE_NOT_FOUND', candidateId: choice.id, field: 'id', message: `Không có nhiệm vụ đề xuất mã "${choice.id}" trong bản xem trước này.` });
      continue;
    }
    if (seen.has(choice.id)) {
      problems.push({ code: 'CANDIDATE_DUPLICATE', candidateId: choice.id, field: 'id', message: `Nhiệm vụ đề xuất "${choice.id}" được chọn hơn một lần.` });
      continue;
    }
    seen.add(choice.id);
    const title = choice.title?.trim() || candidate.title;
    const named = `nhiệm vụ "${truncate(title)}" (${candidate.id})`;

    const leadCode = choice.leadUnitCode ?? candidate.leadUnitCode;
    // A lead that is a group of the directory (every unit for its own share), unless a unit was chosen.
    const leadGroup = choice.leadUnitCode === undefined && !leadCode ? candidate.leadGroup : null;
    if (choice.leadUnitCode !== undefined && !units.has(choice.leadUnitCode)) {
      problems.push({
        code: 'CANDIDATE_UNIT_UNKNOWN',
        candidateId: candidate.id,
        field: 'leadUnitCode',
        value: choice.leadUnitCode,
        message: `Đơn vị chủ trì "${choice.leadUnitCode}" của ${named} không có trong danh mục đơn vị của ${directory.organizationName}.`,
      });
    } else if (!leadCode && !leadGroup) {
      problems.push({
        code: 'CANDIDATE_LEAD_MISSING',
        candidateId: candidate.id,
        field: 'leadUnitCode',
        message: `Chưa chọn đơn vị chủ trì cho ${named}${candidate.leadText ? ` (văn bản ghi "${candidate.leadText}", không có trong danh mục)` : ''}.`,
      });
    }
    const coordinatingCodes = choice.coordinatingUnitCodes ?? candidate.coordinatingUnitCodes;
    const strangers = coordinatingCodes.filter((c) => !units.has(c));
    for (const code of strangers) {
      problems.push({
        code: 'CANDIDATE_UNIT_UNKNOWN',
        candidateId: candidate.id,
        field: 'coordinatingUnitCodes',
        value: code,
        message: `Đơn vị phối hợp "${code}" của ${named} không có trong danh mục đơn vị của ${directory.organizationName}.`,
      });
    }

    let timelineText = candidate.timelineText ?? '';
    let milestones = candidate.milestones;
    let timelineRefused = false;
    if (choice.timeline !== undefined) {
      const read = readEditedTimeline(choice.timeline, years);
      if (!read.milestones.length || read.warnings.length) {
        timelineRefused = true;
        problems.push({
          code: 'CANDIDATE_TIMELINE_UNREADABLE',
          candidateId: candidate.id,
          field: 'timeline',
          value: choice.timeline,
          message: `Không đọc được thời gian "${choice.timeline}" của ${named}${read.warnings[0] ? `: ${read.warnings[0].message}` : ''}.`,
        });
      }
      timelineText = read.text;
      milestones = read.milestones;
    }
    if (!(leadGroup || (leadCode && units.has(leadCode))) || strangers.length || timelineRefused) continue;

    const lead: UnitRef[] = leadGroup
      ? [{ raw: candidate.leadText ?? leadGroup, group: leadGroup }]
      : [{ raw: choice.leadUnitCode ? units.get(leadCode!)!.name : (candidate.leadText ?? units.get(leadCode!)!.name), unit: leadCode! }];
    const coordinating: UnitRef[] = coordinatingCodes.filter((c) => c !== leadCode).map((c) => ({ raw: units.get(c)!.name, unit: c }));
    // "… phối hợp với các cơ quan, đơn vị có liên quan": the lead unit names them, as for an appendix row.
    if (choice.coordinatingUnitCodes === undefined && candidate.coordinatingToBeNamed) coordinating.push({ raw: 'Các đơn vị có liên quan', group: 'RELEVANT' });
    tasks.push({
      section: PROSE_SECTION.code,
      ordinal: candidate.id,
      title,
      lead,
      coordinating,
      timeline: timelineText,
      milestones,
      note: `Từ văn bản kế hoạch: ${candidate.sources.map((s) => `dòng ${s.line}${s.section ? ` (${s.section})` : ''}`).join('; ')}.`,
      extra: { 'Câu gốc': candidate.sourceSentence },
    });
  }
  return { tasks, problems };
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}
