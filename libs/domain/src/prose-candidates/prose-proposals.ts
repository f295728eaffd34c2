import type { Milestone } from '../timeline/timeline.types';
import { resolveUnitCell } from '../units/unit-resolver';
import type { UnitDirectory, UnitGroup } from '../units/unit-directory';
import { actionOf, isSingleNamedUnit, titleOf } from './prose-candidates.extractor';
import { ENUMERATOR, foldSameLength, splitSentences, toBlocks, type Block } from './prose-candidates.text';
import { startsWithUnit } from './prose-candidates.vocabulary';
import { proseTimelineOf } from './prose-timeline';

/**
 * Candidate tasks of a prose plan (PLAN_FORMAT.md, "Prose plans"), the shape the import preview, the
 * CLI and the confirm use. One candidate is one duty: a bullet of "III. Nhiệm vụ…", a responsibility
 * of "Tổ chức thực hiện", or a dated obligation; a duty written in several places is one candidate
 * with several sources.
 */
export type ProseTaskKind = 'task' | 'responsibility' | 'dated-obligation';

export interface ProseSource {
  /** 1-based line of the input where the duty starts. */
  line: number;
  /** The heading it sits under, as written ("2. Văn phòng Sở"). */
  section: string | null;
  /** The duty as written (Markdown removed, the paragraph glued back together). */
  text: string;
}

export interface ProseTaskCandidate {
  /** Stable for the same duty in the same wording: `c` + 8 hex digits of its title and lead. */
  id: string;
  kind: ProseTaskKind;
  title: string;
  /** Who leads (chủ trì), as the plan wrote it; null when the plan names nobody. */
  leadText: string | null;
  /** The lead resolved with the organization's directory; null when it names no unit of it. */
  leadUnitCode: string | null;
  /**
   * A lead that names a group of the directory ("Các phòng, ban, trung tâm thuộc và trực thuộc Sở"):
   * every unit of it answers for its own share (a group-led task, as for such an appendix row).
   */
  leadGroup: 'ALL_UNITS' | 'AFFILIATED_UNITS' | null;
  /** Partners named as a group to be named by the lead unit ("các cơ quan, đơn vị có liên quan"). */
  coordinatingToBeNamed: boolean;
  /** Partners ("phối hợp với …"), as written, "; " between the places that named them. */
  coordinatingText: string | null;
  coordinatingUnitCodes: string[];
  /** The schedule as written ("hàng năm", "trước ngày 20/01/2024"); null when the duty has none. */
  timelineText: string | null;
  /** From the same parser as the appendix's timeline cells: recurrences, rounds, events. */
  milestones: Milestone[];
  /** First dated milestone, ISO; null for recurring, event-driven or unscheduled duties. */
  due: string | null;
  sources: ProseSource[];
  /** The first source's text and line (the sentence a reviewer reads first). */
  sourceSentence: string;
  sourceLine: number;
  /** The first source's heading. */
  section: string | null;
  /** `high`: lead and schedule read with certainty; `medium`: a person should look twice. */
  confidence: 'high' | 'medium';
  /** An attitude or a call to action without a deliverable ("Chủ động…", "Thực hiện nghiêm túc…"): ranked last. */
  exhortation: boolean;
  /** Where the lead came from: the duty's own words, its heading, or the unit section IV makes answerable for its area. */
  leadFrom: 'subject' | 'heading' | 'partner' | 'area' | null;
}

export interface AppendixReference {
  line: number;
  sentence: string;
}

export interface ProseProposal {
  candidates: ProseTaskCandidate[];
  /** Sentences that point to an appendix ("Nhiệm vụ cụ thể theo Phụ lục đính kèm"). */
  appendixReferences: AppendixReference[];
}

export interface ProseProposalOptions {
  planYear: number;
  planEndYear?: number;
  /** Resolves leads and partners to unit codes; without it every code is null. */
  directory?: UnitDirectory;
}

type Part = 'none' | 'tasks' | 'implementation' | 'other';

interface Item {
  block: Block;
  /** Where the duty text starts in `block.text` (after the enumerator and an inline "Unit:"). */
  start: number;
  part: 'tasks' | 'implementation' | 'other';
  section: string | null;
  area: string | null;
  scopeUnit: string | null;
  inlineUnit: string | null;
}

interface Draft {
  kind: ProseTaskKind;
  title: string;
  lead: string | null;
  leadFrom: ProseTaskCandidate['leadFrom'];
  coordinating: string[];
  certainLead: boolean;
  exhortation: boolean;
  timeline: ReturnType<typeof proseTimelineOf>;
  sources: ProseSource[];
  area: string | null;
  order: number;
}

const HEADING_MAX = 120;
const APPENDIX_REFERENCE = /phu luc\s+(?:dinh kem|kem theo)|cac phu luc\b|theo phu luc\b/;
const BOILERPLATE = /(?:\bneu co\b|\btrong qua trinh\b|\bqua trinh\b)[^.]*\bvuong mac\b/;

/**
 * Reads the prose of a plan into candidate tasks. Pure and deterministic.
 *
 * 1. Parts: a roman heading with "nhiệm vụ" opens the duties ("III. NHIỆM VỤ", "II. NỘI DUNG NHIỆM
 *    VỤ…", but not "MỤC TIÊU" or "GIẢI PHÁP THỰC HIỆN"); "TỔ CHỨC THỰC HIỆN" opens the
 *    responsibilities; "Trên đây là…", "Nơi nhận" end them. Under "a) Chỉ tiêu" sit targets, not duties.
 * 2. Every paragraph or list item of those parts is one duty; one that ends with ":" only announces
 *    the items below it. A numbered heading names the area ("1. Cải cách thể chế") or the unit ("2.
 *    Văn phòng Sở").
 * 3. Lead: the duty's own subject ("Phòng Kế hoạch - Tài chính phối hợp với Văn phòng Sở…" → the
 *    subject leads, Văn phòng Sở coordinates), else the one unit a "Phối hợp (với) Phòng X …" duty
 *    names (X leads, the heading's unit coordinates), else the heading's unit; for a bullet of
 *    "III. Nhiệm vụ", the unit section IV makes answerable for its area ("Thanh tra Sở … chịu trách
 *    nhiệm … kết quả thực hiện các mục tiêu, nhiệm vụ cải cách thể chế"), the most specific first.
 * 4. The same duty in several places (same lead, nearly the same words) is one candidate.
 */
export function proposeProseCandidates(text: string, opts: ProseProposalOptions): ProseProposal {
  const years = { planYear: opts.planYear, planEndYear: opts.planEndYear ?? opts.planYear };
  const blocks = glueBrokenParagraphs(toBlocks(text));
  const items: Item[] = [];
  const appendixReferences: AppendixReference[] = [];
  let part: Part = 'none';
  let section: string | null = null;
  let area: string | null = null;
  let targets = false;
  const units: Array<{ level: number; unit: string | null }> = [];

  for (const block of blocks) {
    const folded = foldSameLength(block.text);
    if (/^noi nhan\b/.test(folded)) break;
    if (APPENDIX_REFERENCE.test(folded) && /^\(|^\*?\(/.test(block.text.trim())) {
      appendixReferences.push({ line: block.pieces[0].line, sentence: block.text.replace(/^\(|\)\.?$/g, '').trim() });
      continue;
    }
    if (/^(?:tren day la|vay,)/.test(folded)) {
      part = 'other';
      continue;
    }
    const enumerator = ENUMERATOR.exec(block.text);
    const groups = enumerator?.groups ?? {};
    const bodyStart = enumerator ? enumerator[0].length : 0;
    const body = block.text.slice(bodyStart).replace(/:$/, '').trim();
    const bodyFolded = foldSameLength(body);
    const level = groups.roman ? 1 : groups.num ? 1 + groups.num.split('.').length : groups.letter ? 5 : groups.bullet ? 6 : null;
    const upper = /\p{L}/u.test(body) && body === body.toUpperCase();
    const short = body.length <= HEADING_MAX && !/[.;!?,]$/.test(body) && !/\b(?:chu tri|phoi hop|truoc ngay)\b/.test(bodyFolded);
    const isHeading = short && !groups.bullet && (level !== null || upper || block.styledAsHeading);

    if (isHeading && (level === 1 || (level === null && upper))) {
      section = block.text.replace(/:$/, '');
      area = null;
      targets = false;
      units.length = 0;
      if (/\bto chuc thuc hien\b/.test(bodyFolded)) part = 'implementation';
      else if (/\bnhiem vu\b/.test(bodyFolded) && !/^(?:muc tieu|muc dich|phuong huong)/.test(bodyFolded)) part = 'tasks';
      else part = 'other';
      continue;
    }
    if (part === 'none') continue;
    if (isHeading) {
      section = block.text.replace(/:$/, '');
      const lvl = level ?? 2;
      if (part === 'tasks') {
        if (groups.letter) targets = /^(?:chi tieu|muc tieu)\b/.test(bodyFolded);
        else {
          area = body;
          targets = false;
        }
      } else if (part === 'implementation') {
        while (units.length && units[units.length - 1].level >= lvl) units.pop();
        units.push({ level: lvl, unit: unitOfHeading(body, bodyFolded) });
      }
      continue;
    }
    if (part === 'other' && !new RegExp(DEADLINE_HINT).test(folded)) continue;
    if (part === 'tasks' && targets) continue;

    // An inline unit ("1.2. Trưởng các phòng…: Chủ động…") is the scope of the paragraphs that follow.
    const inline = inlineUnitOf(block.text, bodyStart);
    if (part === 'implementation' && level !== null && level <= 4) {
      while (units.length && units[units.length - 1].level >= level) units.pop();
      const own = inline?.unit ?? null;
      units.push({ level, unit: own });
    }
    items.push({
      block,
      start: inline ? inline.bodyStart : bodyStart,
      part: part === 'tasks' ? 'tasks' : part === 'implementation' ? 'implementation' : 'other',
      section,
      area,
      scopeUnit: [...units].reverse().find((u) => u.unit !== null)?.unit ?? null,
      inlineUnit: inline?.unit ?? null,
    });
  }

  const drafts: Draft[] = [];
  const assignments: Array<{ unit: string; topics: Set<string> }> = [];
  items.forEach((item, order) => {
    const draft = readItem(item, order, years);
    if (draft === 'assignment' || draft === null) {
      const a = assignmentOf(item);
      if (a) assignments.push(a);
      return;
    }
    const a = assignmentOf(item);
    if (a) assignments.push(a);
    drafts.push(draft);
  });

  // Leads of "III. Nhiệm vụ" bullets: the unit answerable for the area, the most specific statement first.
  for (const d of drafts) {
    if (d.kind !== 'task' || d.lead !== null || d.area === null) continue;
    const topics = topicsOf(foldSameLength(d.area));
    if (!topics.size) continue;
    const owners = assignments.filter((a) => [...topics].some((t) => a.topics.has(t))).sort((x, y) => x.topics.size - y.topics.size);
    if (owners.length) {
      d.lead = owners[0].unit;
      d.leadFrom = 'area';
      d.certainLead = owners.length === 1 || owners[0].topics.size < owners[1].topics.size;
    }
  }

  const merged = mergeRepeated(drafts);
  const candidates = merged.map((d) => toCandidate(d, opts.directory));
  const seen = new Map<string, number>();
  for (const c of candidates) {
    const n = seen.get(c.id) ?? 0;
    seen.set(c.id, n + 1);
    if (n) c.id = `${c.id}-${n + 1}`;
  }
  // Duties first, in the plan's order; exhortations last.
  candidates.sort((a, b) => Number(a.exhortation) - Number(b.exhortation));
  return { candidates, appendixReferences };
}

/**
 * The conversion also breaks a long paragraph before a capitalized word ("…tham mưu UBND tỉnh chỉ
 * đạo triển khai" / "Kế hoạch số 160-KH/TU…"): a paragraph far longer than a heading that has not
 * ended continues into the next unnumbered one.
 */
function glueBrokenParagraphs(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const previous = out.at(-1);
    if (
      previous &&
      previous.text.length > 2 * HEADING_MAX &&
      !/[.;:!?)"”]$/.test(previous.text) &&
      !ENUMERATOR.test(block.text) &&
      !block.styledAsHeading &&
      !/^\(/.test(block.text)
    ) {
      const offset = previous.text.length + 1;
      out[out.length - 1] = {
        ...previous,
        text: `${previous.text} ${block.text}`,
        pieces: [...previous.pieces, ...block.pieces.map((p) => ({ offset: offset + p.offset, line: p.line }))],
      };
      continue;
    }
    out.push(block);
  }
  return out;
}

const DEADLINE_HINT = String.raw`(?<![a-z])(?:truoc\s+ngay|cham\s+nhat\s+(?:(?:la|vao|truoc|den)\s+)?ngay|han\s+(?:chot|nop|gui)?\s*:?\s*ngay)\s+\d`;

function unitOfHeading(body: string, folded: string): string | null {
  let start = 0;
  let end = body.length;
  const request = /^de nghi\s+/.exec(folded);
  if (request) start = request[0].length;
  const duty = /\s+co trach nhiem$/.exec(folded);
  if (duty) end = duty.index;
  const unit = body.slice(start, end).trim();
  return unit !== '' && startsWithUnit(unit) ? unit : null;
}

function inlineUnitOf(text: string, from: number): { unit: string; bodyStart: number } | null {
  const m = /^([^:.;]{2,80}):\s+/.exec(text.slice(from));
  if (!m || !startsWithUnit(m[1])) return null;
  return { unit: m[1].trim(), bodyStart: from + m[0].length };
}

// ---------------------------------------------------------------------------------------------

/** Words that open a call to action rather than a duty (folded). */
const EXHORTATION_OPENERS = [
  'chu dong', 'thuc hien nghiem tuc', 'nghiem tuc', 'trien khai thuc hien nghiem tuc', 'nang cao hieu qua thuc hien', 'tang cuong ky luat',
  'tang cuong vai tro', 'tang cuong phan cap', 'quan triet', 'chap hanh', 'tap trung thuc hien tot', 'can cu', 'khong ngung',
  'thuc hien quyet liet', 'day manh hon nua', 'phoi hop to chuc trien khai', 'chi dao, to chuc trien khai',
];
/** Openers that are an attitude whatever follows: a principle, a responsibility, a way of working. */
const ATTITUDE_OPENERS = [
  'xac dinh', 'lay ket qua', 'tung dong chi', 'ke thua', 'bam sat', 'thu truong', 'nang cao nhan thuc', 'nang cao trach nhiem',
  'nang cao y thuc', 'tang cuong su lanh dao',
];
/** A deliverable inside a call to action makes it a duty ("Chủ động … tự kiểm tra, rà soát…"). */
const DELIVERABLE = /(?<![a-z])(?:ra soat|tu kiem tra|bao cao|xay dung (?:ke hoach|quy che|de an)|ban hanh|sua doi|cap nhat tin|gui ve)(?![a-z])/;
/** "… các nhiệm vụ tại mục III / trong Kế hoạch này": carrying out the plan itself, not a duty of it. */
const GENERIC = /^(?:phoi hop\s+)?(?:to chuc\s+)?(?:trien khai|thuc hien)[^.;]{0,80}nhiem vu[^.;]{0,60}(?:tai|trong|theo)\s+(?:muc\s+[ivx]+|ke hoach (?:nay|cchc nam \d{4} cua ubnd)|quy dinh tai ke hoach nay)/;

function isExhortation(duty: string): boolean {
  const opener = duty.replace(/^(?:tiep tuc|dong thoi|trong do),?\s+/, '');
  if (BOILERPLATE.test(duty)) return true;
  if (GENERIC.test(opener)) return true;
  if (ATTITUDE_OPENERS.some((o) => opener.startsWith(o))) return true;
  if (!EXHORTATION_OPENERS.some((o) => opener.startsWith(o))) return false;
  return !DELIVERABLE.test(duty);
}

/** "… chịu trách nhiệm … kết quả thực hiện các mục tiêu, nhiệm vụ: X; Y", "Chủ trì … thực hiện các nhiệm vụ về X". */
const ANSWERABLE = /(?:chiu trach nhiem|chu tri)[^.]*?(?:muc tieu, nhiem vu|nhiem vu ve)([^.]*)/;
/** Only the answerability and nothing else to do: section IV's statement of who owns an area. */
const OWNS_ONLY = /chiu trach nhiem[^.]*ket qua thuc hien cac muc tieu, nhiem vu/;

const TOPICS: Array<[string, RegExp]> = [
  ['the-che', /\bthe che\b/],
  ['tthc', /\bthu tuc hanh chinh\b|\btthc\b/],
  ['bo-may', /\bbo may\b/],
  ['cong-vu', /\bcong vu\b/],
  ['tai-chinh', /\btai chinh cong\b/],
  ['cqdt', /\bchinh quyen (?:dien tu|so)\b/],
  ['chi-dao', /\bchi dao,? dieu hanh\b/],
];

function topicsOf(folded: string): Set<string> {
  return new Set(TOPICS.filter(([, re]) => re.test(folded)).map(([t]) => t));
}

function leadOfItem(item: Item): string | null {
  return item.inlineUnit ?? item.scopeUnit;
}

function assignmentOf(item: Item): { unit: string; topics: Set<string> } | null {
  if (item.part !== 'implementation') return null;
  const folded = foldSameLength(item.block.text);
  const unit = leadOfItem(item);
  if (!unit) return null;
  const topics = new Set<string>();
  for (const sentence of folded.split(/\.\s+/)) {
    const m = ANSWERABLE.exec(sentence);
    if (m) for (const t of topicsOf(m[1])) topics.add(t);
  }
  return topics.size ? { unit, topics } : null;
}

function withoutSubject(own: string, subject: string | null): string {
  const s = own.replace(/^(?:de nghi|giao)\s+/, '');
  if (!subject) return s;
  const f = foldSameLength(subject);
  return s.startsWith(f) ? s.slice(f.length).replace(/^[\s,]+/, '') : s;
}

function readItem(item: Item, order: number, years: { planYear: number; planEndYear: number }): Draft | 'assignment' | null {
  const { block, start } = item;
  const text = block.text;
  const folded = foldSameLength(text);
  const own = folded.slice(start).trim();
  if (own.length < 8 || /:$/.test(own)) return null;
  if (/^\(/.test(own)) return null;
  const owns = item.part === 'implementation' ? OWNS_ONLY.exec(own) : null;
  if (owns) {
    // Whatever the block asks besides the answerability (the list of areas runs to the sentence's end).
    const after = owns.index + owns[0].length;
    const colonList = /^[^.;]{0,20}:/.test(own.slice(after));
    const sentenceEnd = own.indexOf('. ', after);
    const clauseEnd = own.slice(after).search(/[;.]\s/);
    const listEnd = colonList ? sentenceEnd : clauseEnd < 0 ? -1 : after + clauseEnd;
    const rest = own.slice(0, owns.index) + (listEnd < 0 ? '' : own.slice(listEnd));
    if (!/(?<![a-z])(?:theo doi|tong hop|bao cao|ke hoach)(?![a-z])/.test(rest)) return 'assignment';
  }
  const first = splitSentences(text, start)[0] ?? { start, end: text.length };
  const action = actionOf(text, folded, first.start, first.end);
  let title: string;
  let lead: string | null = null;
  let leadFrom: Draft['leadFrom'] = null;
  let coordinating: string[] = [];
  let certainLead = false;
  if (action) {
    title = titleOf(text, action.titleStart, action.titleEnd);
    if (action.coordinating) coordinating = [action.coordinating];
    if (action.subject) {
      lead = action.subject;
      leadFrom = 'subject';
      certainLead = true;
    }
  } else {
    const semicolon = text.indexOf(';', first.start);
    const end = semicolon > 0 && semicolon < first.end && semicolon - first.start > 30 ? semicolon : first.end;
    title = titleOf(text, first.start, end);
  }
  // "Báo cáo CCHC quý I năm 2024: trước ngày 14/3/2024": the label is the title, the date its schedule.
  title = title.replace(/:\s*(?:trước|chậm nhất|hạn)\s[\s\S]*$/u, '').trim();
  if (title.length < 3) return null;
  const headingLead = item.part === 'tasks' ? null : leadOfItem(item);
  if (!lead && headingLead) {
    lead = headingLead;
    leadFrom = 'heading';
    certainLead = true;
  }
  // "Phối hợp (với) Phòng Nội vụ [và các phòng, ban …] kiểm tra…" under another unit: that unit
  // leads the work, the heading's unit contributes. "Chủ động phối hợp với…" is the unit's own work.
  if (action?.coordinates && !action.subject && action.coordinating && !/^chu dong\b/.test(own)) {
    const partner = action.coordinating;
    const split = /^(.+?)\s+(?:và|cùng)\s+(các .+)$/u.exec(partner);
    const named = split && isSingleNamedUnit(split[1]) ? split[1] : isSingleNamedUnit(partner) ? partner : null;
    if (named) {
      const rest = split && named === split[1] ? [split[2]] : [];
      coordinating = [...(lead ? [lead] : []), ...rest];
      lead = named;
      leadFrom = 'partner';
      certainLead = true;
    }
  }
  const dutyFolded = foldSameLength(text.slice(action ? action.titleStart : start));
  const dated = new RegExp(DEADLINE_HINT).test(folded);
  const timeline = proseTimelineOf(text.slice(start), years);
  return {
    kind: dated ? 'dated-obligation' : item.part === 'tasks' ? 'task' : 'responsibility',
    title,
    lead,
    leadFrom,
    coordinating,
    certainLead,
    exhortation: !dated && (isExhortation(withoutSubject(own, action?.subject ?? null)) || isExhortation(dutyFolded)),
    timeline,
    sources: [{ line: block.pieces[0].line, section: item.section, text: text.slice(start) }],
    area: item.area,
    order,
  };
}

// ---------------------------------------------------------------------------------------------

const ABBREVIATIONS: Record<string, string> = {
  cchc: 'cai cach hanh chinh',
  tthc: 'thu tuc hanh chinh',
  cbcc: 'can bo cong chuc',
  cbccvc: 'can bo cong chuc vien chuc',
  vbqppl: 'van ban quy pham phap luat',
  qppl: 'quy pham phap luat',
  cntt: 'cong nghe thong tin',
};

function syllables(s: string): string[] {
  return foldSameLength(s)
    .replace(/[^a-z0-9\s]/g, ' ')
    .replace(/\b[a-z]+\b/g, (w) => ABBREVIATIONS[w] ?? w)
    .split(/\s+/)
    .filter(Boolean);
}

function bigrams(s: string): Set<string> {
  const w = syllables(s);
  const out = new Set<string>();
  for (let i = 0; i + 1 < w.length; i++) out.add(`${w[i]} ${w[i + 1]}`);
  return out;
}

function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / Math.min(x.size, y.size);
}

const sameUnit = (a: string | null, b: string | null) => {
  if (a === null || b === null) return a === b;
  const x = syllables(a).join(' ');
  const y = syllables(b).join(' ');
  return x.startsWith(y) || y.startsWith(x);
};

/** The same duty written in several places, by the same lead, is one candidate with every source. */
function mergeRepeated(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const d of drafts) {
    const twin = out.find((o) => o.kind !== 'dated-obligation' && d.kind !== 'dated-obligation' && sameUnit(o.lead, d.lead) && similarity(o.title, d.title) >= 0.6);
    if (!twin) {
      out.push({ ...d, coordinating: [...d.coordinating] });
      continue;
    }
    twin.sources.push(...d.sources);
    for (const c of d.coordinating) if (!twin.coordinating.some((x) => sameUnit(x, c))) twin.coordinating.push(c);
    if (!twin.timeline && d.timeline) twin.timeline = d.timeline;
    twin.exhortation = twin.exhortation && d.exhortation;
  }
  return out;
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function codesOf(text: string | null, directory: UnitDirectory | undefined): string[] {
  if (!text || !directory) return [];
  const { refs } = resolveUnitCell(text, directory);
  const codes: string[] = [];
  for (const r of refs) {
    if (r.unit && !codes.includes(r.unit)) codes.push(r.unit);
  }
  return codes;
}

/** "các phòng, đơn vị có liên quan", "các cơ quan chuyên môn khác": partners the lead unit names later. */
const TO_BE_NAMED = /^cac\b.*\b(?:co lien quan|lien quan|khac)$/;

function groupsOf(text: string | null, directory: UnitDirectory | undefined): UnitGroup[] {
  if (!text || !directory) return [];
  return resolveUnitCell(text, directory).refs.flatMap((r) => (r.group && !r.unit ? [r.group] : []));
}

function toCandidate(d: Draft, directory: UnitDirectory | undefined): ProseTaskCandidate {
  const leadCodes = codesOf(d.lead, directory);
  const leadUnitCode = leadCodes.length === 1 ? leadCodes[0] : null;
  const leadGroups = leadCodes.length ? [] : groupsOf(d.lead, directory);
  const leadGroup = leadGroups.length === 1 && leadGroups[0] !== 'RELEVANT' ? leadGroups[0] : null;
  const coordinatingText = d.coordinating.length ? d.coordinating.join('; ') : null;
  const coordinatingUnitCodes = d.coordinating.flatMap((c) => codesOf(c, directory)).filter((c, i, all) => c !== leadUnitCode && all.indexOf(c) === i);
  const milestones = d.timeline?.milestones ?? [];
  const due = milestones.find((m) => m.kind === 'deadline' && m.due)?.due ?? null;
  const readable = !d.timeline || (d.timeline.milestones.length > 0 && d.timeline.warnings.length === 0);
  return {
    id: `c${fnv1a(`${syllables(d.title).join(' ')}|${d.lead ? syllables(d.lead).join(' ') : ''}`)}`,
    kind: d.kind,
    title: d.title,
    leadText: d.lead,
    leadUnitCode,
    leadGroup,
    coordinatingText,
    coordinatingToBeNamed: d.coordinating.some((c) => groupsOf(c, directory).includes('RELEVANT') || TO_BE_NAMED.test(foldSameLength(c))),
    coordinatingUnitCodes,
    timelineText: d.timeline?.text ?? null,
    milestones,
    due,
    sources: d.sources,
    sourceSentence: d.sources[0].text,
    sourceLine: d.sources[0].line,
    section: d.sources[0].section,
    confidence: d.lead !== null && d.certainLead && readable && !d.exhortation ? 'high' : 'medium',
    exhortation: d.exhortation,
    leadFrom: d.leadFrom,
  };
}

