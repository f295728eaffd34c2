import { parseTimeline } from '../timeline/timeline.parser';
import type { Milestone, TimelineWarning } from '../timeline/timeline.types';
import { foldSameLength } from './prose-candidates.text';
import { DEADLINE_SOURCE } from './prose-candidates.extractor';
import { STARTS_WITH_ACTION } from './prose-candidates.vocabulary';

/**
 * The schedule a duty's prose gives it ("Định kỳ hằng quý, 6 tháng, năm hoặc đột xuất, tham mưu…",
 * "… (dự kiến quý II, quý III năm 2024)", "gửi … trước ngày 20/01/2024", "(khi có kết quả của cấp
 * có thẩm quyền)"), read with the same timeline parser as the appendix's "Thời gian thực hiện" cells.
 *
 * The phrase is cut out of the sentence here and rewritten into the forms the parser reads
 * ("Định kỳ, báo cáo đột xuất" → "Định kỳ" + "Đột xuất"; "theo từng tuần, tháng" → "Hằng tuần" +
 * "Hằng tháng"); the parser itself is not changed. Pure and deterministic.
 */
export interface ProseTimeline {
  /** The phrases as the plan wrote them, joined with "; " (stored as the task's timeline text). */
  text: string;
  /** What was handed to the parser, one phrase each. */
  parts: string[];
  milestones: Milestone[];
  warnings: TimelineWarning[];
}

export interface ProseTimelineYears {
  planYear: number;
  planEndYear?: number;
}

const DEADLINE_ALL = new RegExp(DEADLINE_SOURCE, 'g');
const CADENCE_WORDS: Record<string, string> = { tuan: 'tuần', thang: 'tháng', quy: 'quý', nam: 'năm' };

interface Found {
  at: number;
  written: string;
  parts: string[];
}

/**
 * Finds the schedule phrases of the first sentence of `text` (one duty): a cadence in a later
 * sentence belongs to a side remark ("…. Kiểm điểm thường xuyên việc…"), not to the duty. Null when
 * the duty names no schedule.
 */
export function proseTimelineOf(text: string, years: ProseTimelineYears): ProseTimeline | null {
  const all = findPhrases(text, 0, firstSentenceEnd(text));
  if (!all.length) return null;
  all.sort((a, b) => a.at - b.at);
  const written: string[] = [];
  const parts: string[] = [];
  for (const f of all) {
    if (!written.includes(f.written)) written.push(f.written);
    for (const p of f.parts) if (!parts.includes(p)) parts.push(p);
  }
  return { text: written.join('; '), ...readParts(parts, years) };
}

/**
 * Reads a timeline a person typed for a candidate (the confirm's edit), the same way: the cell forms
 * of the appendix first, then the prose forms ("định kỳ, đột xuất", "theo từng tuần, tháng").
 */
export function readEditedTimeline(text: string, years: ProseTimelineYears): ProseTimeline {
  const direct = parseTimeline(text, { planYear: years.planYear, planEndYear: years.planEndYear ?? years.planYear });
  // "theo từng tuần, tháng" is a cadence, not an external schedule ("theo Kế hoạch của UBND tỉnh").
  const cadenceFirst = /^theo tung\b/.test(foldSameLength(text.trim()));
  if (!cadenceFirst && direct.milestones.length && !direct.warnings.length) return { text: text.trim(), parts: [text.trim()], milestones: direct.milestones, warnings: [] };
  const prose = proseTimelineOf(text, years);
  if (prose && prose.milestones.length && !prose.warnings.length) return { ...prose, text: text.trim() };
  return { text: text.trim(), parts: [text.trim()], milestones: direct.milestones, warnings: direct.warnings.length ? direct.warnings : (prose?.warnings ?? []) };
}

function readParts(parts: string[], years: ProseTimelineYears): { parts: string[]; milestones: Milestone[]; warnings: TimelineWarning[] } {
  const milestones: Milestone[] = [];
  const warnings: TimelineWarning[] = [];
  for (const part of parts) {
    const parse = parseTimeline(part, { planYear: years.planYear, planEndYear: years.planEndYear ?? years.planYear });
    milestones.push(...parse.milestones);
    warnings.push(...parse.warnings);
  }
  return { parts, milestones, warnings };
}

function firstSentenceEnd(text: string): number {
  const m = /[.!?]\s+(?=[A-ZĐÀ-Ỹ(\d])/u.exec(text);
  return m ? m.index + 1 : text.length;
}

function capitalize(s: string): string {
  return s.length ? s[0].toUpperCase() + s.slice(1) : s;
}

function findPhrases(text: string, from: number, to: number): Found[] {
  const folded = foldSameLength(text);
  const span = folded.slice(from, to);
  const out: Found[] = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number) => taken.every(([s, e]) => b <= s || a >= e);
  const take = (a: number, b: number, written: string, parts: string[]) => {
    taken.push([a, b]);
    out.push({ at: a, written, parts });
  };

  // 1. Deadlines: "trước ngày 20/01/2024", "chậm nhất ngày …".
  DEADLINE_ALL.lastIndex = 0;
  for (let m = DEADLINE_ALL.exec(span); m; m = DEADLINE_ALL.exec(span)) {
    const a = from + m.index;
    const b = a + m[0].length;
    const date = text.slice(b - m[1].length, b).replace(/\s*[.-]\s*/g, '/').replace(/\s*\/\s*/g, '/');
    take(a, b, text.slice(a, b), [`Trước ngày ${date}`]);
  }
  if (out.length) return out;

  // 2. Brackets: "(dự kiến quý II, quý III năm 2024)", "(khi có kết quả …)", "(sau khi đã được … chấp thuận)".
  const bracket = /\(([^()]{3,160})\)/g;
  for (let m = bracket.exec(span); m; m = bracket.exec(span)) {
    const inner = m[1];
    const a = from + m.index;
    const b = a + m[0].length;
    const innerAt = a + 1;
    const original = text.slice(innerAt, innerAt + inner.length).trim();
    if (/^(?:khi|sau khi)\b/.test(inner.trim())) {
      take(a, b, original, [original]);
      continue;
    }
    const dated = /^(?:du kien\s+)?((?:quy|thang|nam|truoc|ngay|\d)[\s\S]*)$/.exec(inner.trim());
    if (dated && /\d|quy\s+[ivx]+/.test(inner)) {
      const value = original.slice(original.length - dated[1].length);
      take(a, b, original, [capitalize(value)]);
    }
  }

  // 3. An event without brackets at the end of a clause: "… khi có thay đổi của Bộ Nội vụ."
  const event = /(?<![a-z])khi co (?:thay doi|ket qua|yeu cau|van ban)[^.;,()]*/g;
  for (let m = event.exec(span); m; m = event.exec(span)) {
    const a = from + m.index;
    const b = a + m[0].trimEnd().length;
    if (!free(a, b)) continue;
    take(a, b, text.slice(a, b), [text.slice(a, b)]);
  }

  // 4. Cadences. "Định kỳ hằng quý, 6 tháng, năm" is the reporting calendar of the plan.
  const cadence =
    /(?<![a-z])(?:(dinh ky)\s+)?(?:hang|hang)\s+(tuan|thang|quy|nam)((?:\s*,\s*(?:6 thang|tuan|thang|quy|nam)(?![a-z]))*)|(?<![a-z])theo tung (tuan|thang|quy|nam)((?:\s*,\s*(?:tuan|thang|quy|nam)(?![a-z]))*)|(?<![a-z])(dinh ky)(?![a-z])|(?<![a-z])(thuong xuyen)(?![a-z])/g;
  for (let m = cadence.exec(span); m; m = cadence.exec(span)) {
    const a = from + m.index;
    const b = a + m[0].length;
    if (!free(a, b)) continue;
    let parts: string[] = [];
    if (m[2]) {
      const words = [m[2], ...listed(m[3])];
      if (m[1] && words.length > 1) parts = ['Định kỳ hằng quý, 6 tháng, năm'];
      else parts = [...new Set(words.filter((w) => w !== '6 thang').map((w) => `Hằng ${CADENCE_WORDS[w]}`))];
    } else if (m[4]) {
      parts = [m[4], ...listed(m[5])].map((w) => `Hằng ${CADENCE_WORDS[w]}`);
    } else if (m[6]) {
      parts = ['Định kỳ'];
    } else if (m[7]) {
      // "Thường xuyên rà soát…", "thường xuyên, kịp thời cập nhật…": an adverb of the duty. Not "đầy
      // đủ, thường xuyên, kịp thời," (a list of qualities) nor "là nhiệm vụ thường xuyên".
      const after = folded.slice(b).replace(/^\s*,?\s*(?:kip thoi|lien tuc)(?=\s+[a-z])/, '');
      const trailing = /^\s*,\s*dot xuat/.test(folded.slice(b));
      if (!trailing && !STARTS_WITH_ACTION.test(after.replace(/^\s+/, '')) && !/^\s+(?:viec|cong tac)\b/.test(after)) continue;
      parts = ['Thường xuyên'];
    }
    if (!parts.length) continue;
    let end = b;
    // "… định kỳ, báo cáo đột xuất", "… hoặc đột xuất", "thường xuyên, đột xuất": rounds on demand too.
    const extra = /^(?:\s*,\s*(?:bao cao\s+)?|\s+(?:hoac|va)\s+(?:bao cao\s+)?)dot xuat(?![a-z])/.exec(folded.slice(b));
    if (extra) {
      end = b + extra[0].length;
      parts.push('Đột xuất');
    }
    take(a, end, text.slice(a, end), parts);
  }
  return out;
}

function listed(tail: string | undefined): string[] {
  if (!tail) return [];
  return tail
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
