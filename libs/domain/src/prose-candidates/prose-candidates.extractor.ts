import { parseTimeline } from '../timeline/timeline.parser';
import {
  ENUMERATOR,
  capitalize,
  foldSameLength,
  lineAt,
  splitSentences,
  toBlocks,
  trimSpan,
  truncateWords,
  type Block,
  type Span,
} from './prose-candidates.text';
import type { ProseCandidate, ProseCandidateOptions } from './prose-candidates.types';
import {
  ACTION_AFTER_COMMA,
  ACTION_ANYWHERE,
  STARTS_WITH_ACTION,
  STARTS_WITH_ADVERB,
  findPhraseEnd,
  startsWithUnit,
} from './prose-candidates.vocabulary';

/**
 * Proposes candidate tasks from the prose of a plan (PLAN_FORMAT.md, "Prose plans"): the duties of
 * the "Tổ chức thực hiện" section and every sentence that fixes a date ("trước ngày 14/3/2024").
 *
 * Precision over recall: a person confirms each candidate, and a wrong one costs more of their
 * attention than a missing one they can add. So only a few sentence shapes are read, boilerplate is
 * dropped, and whatever is read without certainty is marked `medium`. Pure and deterministic.
 *
 * How it reads a plan:
 * 1. Glue the paragraphs back together (the Word conversion breaks them) and strip Markdown.
 * 2. Walk the paragraphs keeping a stack of headings: the current section, whether it is inside
 *    "Tổ chức thực hiện", and the unit a heading or numbered item names ("2. Phòng Nội vụ").
 * 3. Split each paragraph into sentences; a sentence with a deadline phrase gives dated
 *    obligations, any other actionable sentence inside "Tổ chức thực hiện" gives a responsibility.
 */
export function extractProseCandidates(text: string, opts: ProseCandidateOptions): ProseCandidate[] {
  const years = yearsOf(opts);
  const candidates: ProseCandidate[] = [];
  const scopes: Scope[] = [];
  let closed = false;

  for (const block of toBlocks(text)) {
    const folded = foldSameLength(block.text);
    // The recipients list and the signature follow; nothing after it is a duty.
    if (/^noi nhan\b/.test(folded)) break;
    if (CLOSING.test(folded)) closed = true;

    const enumerator = ENUMERATOR.exec(block.text);
    const level = levelOf(enumerator);
    const bodyStart = enumerator ? enumerator[0].length : 0;

    const heading = headingOf(block, folded, enumerator, level, bodyStart);
    if (heading) {
      popTo(scopes, heading.level);
      scopes.push(heading);
      continue;
    }

    // A numbered item ends the scope of its numbered siblings ("**4.** Trong quá trình…" after
    // "3. Đề nghị UBND cấp huyện") and may name a unit of its own ("1.1. Lãnh đạo Sở: Thực hiện…").
    const inline = inlineUnitOf(block.text, folded, bodyStart);
    if (level !== null && level <= NUMBERED_ITEM_MAX_LEVEL) {
      popTo(scopes, level);
      scopes.push({ level, section: null, unit: inline?.unit ?? subjectOf(block.text, folded, bodyStart)?.subject ?? null, implementation: false });
    }

    const context: Context = {
      section: [...scopes].reverse().find((s) => s.section !== null)?.section ?? null,
      lead: [...scopes].reverse().find((s) => s.unit !== null)?.unit ?? null,
      implementation: !closed && scopes.some((s) => s.implementation),
      years,
    };

    for (const span of splitSentences(block.text, bodyStart)) {
      const start = span.start === bodyStart && inline ? inline.bodyStart : span.start;
      const sentence: Sentence = {
        text: block.text,
        folded,
        span,
        start,
        line: lineAt(block, span.start),
        inlineLead: span.start === bodyStart ? (inline?.unit ?? null) : null,
      };
      const dated = datedObligations(sentence, context);
      candidates.push(...dated);
      if (dated.length === 0 && context.implementation) {
        const duty = responsibility(sentence, context);
        if (duty) candidates.push(duty);
      }
    }
  }
  return dedupe(candidates);
}

// ---------------------------------------------------------------------------------------------
// Structure: headings, scopes, units

interface Scope {
  level: number;
  /** Heading text as written; null for a numbered item, which changes the unit but not the section. */
  section: string | null;
  unit: string | null;
  /** The heading is (or is under) "Tổ chức thực hiện": its duties are responsibilities. */
  implementation: boolean;
}

interface Context {
  section: string | null;
  lead: string | null;
  implementation: boolean;
  years: Years;
}

/** Roman numerals, then "1.", "1.1.", "1.1.1.", then "a)"; bullets sit below everything. */
const NUMBERED_ITEM_MAX_LEVEL = 4;
const HEADING_MAX_LENGTH = 120;

/** "Trên đây là Kế hoạch…", "Vậy, UBND thành phố yêu cầu…": the plan's closing words, no duties after. */
const CLOSING = /^(?:tren day la|vay,)/;

function levelOf(enumerator: RegExpExecArray | null): number | null {
  const groups = enumerator?.groups;
  if (!groups) return null;
  if (groups.roman) return 1;
  if (groups.num) return 1 + groups.num.split('.').length;
  if (groups.letter) return 5;
  return 6;
}

function popTo(scopes: Scope[], level: number): void {
  while (scopes.length > 0 && scopes[scopes.length - 1].level >= level) scopes.pop();
}

/**
 * A heading is short, does not end like a sentence, carries no deadline, and is numbered (not a
 * bullet), wholly bold, a Markdown heading or in capitals.
 */
function headingOf(
  block: Block,
  folded: string,
  enumerator: RegExpExecArray | null,
  level: number | null,
  bodyStart: number,
): Scope | null {
  const body = block.text.slice(bodyStart).replace(/:$/, '').trim();
  if (body === '' || body.length > HEADING_MAX_LENGTH || /[.;!?,]$/.test(body)) return null;
  // A deadline or an explicit role makes it a duty, however short.
  if (DEADLINE.test(folded) || /\b(?:chu tri|phoi hop)\b/.test(folded)) return null;
  let headingLevel: number;
  if (enumerator?.groups?.bullet) return null;
  if (level !== null) headingLevel = level;
  else if (/\p{L}/u.test(body) && body === body.toUpperCase()) headingLevel = 1;
  else if (block.styledAsHeading) headingLevel = 2;
  else return null;
  const bodyFolded = foldSameLength(body);
  return {
    level: headingLevel,
    section: block.text.replace(/:$/, ''),
    unit: unitOfHeading(body, bodyFolded),
    implementation: /\bto chuc thuc hien\b/.test(bodyFolded),
  };
}

/** "2. Đề nghị các sở, ngành tỉnh" → "các sở, ngành tỉnh"; "… thuộc Sở có trách nhiệm" → "… thuộc Sở". */
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

/** "Lãnh đạo Sở: Thực hiện …" → the unit before the colon and where the duty starts. */
function inlineUnitOf(text: string, folded: string, from: number): { unit: string; bodyStart: number } | null {
  const m = /^([^:.;]{2,80}):\s+/.exec(text.slice(from));
  if (!m || !startsWithUnit(m[1]) || hasAction(folded.slice(from, from + m[1].length))) return null;
  return { unit: m[1].trim(), bodyStart: from + m[0].length };
}

function hasAction(folded: string): boolean {
  ACTION_ANYWHERE.lastIndex = 0;
  return ACTION_ANYWHERE.test(folded);
}

/**
 * The unit a sentence names as its own subject: "Giao Văn phòng Sở giúp…", "Đề nghị các cơ quan,
 * đơn vị định kỳ báo cáo…", "Phòng Kế hoạch - Tài chính phối hợp với…". Null unless the phrase
 * opens with a unit name and a duty follows within a short distance.
 */
function subjectOf(text: string, folded: string, from: number, to = text.length): { subject: string; rest: number } | null {
  let start = from;
  const verb = /^(?:giao|de nghi)\s+/.exec(folded.slice(from, to));
  if (verb) start += verb[0].length;
  if (!startsWithUnit(text.slice(start, to))) return null;
  const end = findPhraseEnd(text, folded, start, Math.min(to, start + SUBJECT_MAX_LENGTH));
  if (end === null) return null;
  const subject = text.slice(start, end).replace(/[\s,]+$/, '');
  // "Các nội dung CCHC phải được triển khai" is a statement about things, not a unit's duty.
  if (subject === '' || /(?<![a-z])(?:duoc|phai|la)(?![a-z])/.test(foldSameLength(subject))) return null;
  let rest = end;
  const duty = /^(?:co|chiu) trach nhiem\s+/.exec(folded.slice(end, to));
  if (duty) rest += duty[0].length;
  return { subject, rest };
}

const SUBJECT_MAX_LENGTH = 100;

// ---------------------------------------------------------------------------------------------
// Sentences

interface Sentence {
  /** The whole paragraph and its folded twin; `span` is the sentence inside them. */
  text: string;
  folded: string;
  span: Span;
  /** Where the duty starts: after the bullet, and after an inline "Unit:" on the first sentence. */
  start: number;
  line: number;
  inlineLead: string | null;
}

/** "nếu có khó khăn, vướng mắc…", "Trong quá trình triển khai…, vướng mắc": the standard closing plea. */
const BOILERPLATE = /(?:\bneu co\b|\btrong qua trinh\b).*\b(?:vuong mac|kho khan)\b/;

export interface Action {
  /** The title is `text[titleStart..titleEnd]`: the work itself, without role words or partners. */
  titleStart: number;
  titleEnd: number;
  subject: string | null;
  coordinating: string | null;
  /** An explicit "Chủ trì" (or "X chủ trì, phối hợp"): the unit leads, read with certainty. */
  leads: boolean;
  /** A coordinating duty ("Phối hợp với Phòng Nội vụ…"): the partner may be the real lead. */
  coordinates: boolean;
}

const TITLE_MAX_LENGTH = 200;

/**
 * Reads the duty in `text[from..to]`: an optional subject, an optional "Căn cứ …," preamble, then
 * "Chủ trì, phối hợp với X <việc>", "Phối hợp với X <việc>" or a sentence that opens with a verb.
 * Null when no duty opens the text.
 */
export function actionOf(text: string, folded: string, from: number, to: number): Action | null {
  let start = trimSpan(text, from, to).start;
  let subject: string | null = null;
  const named = subjectOf(text, folded, start, to);
  if (named) {
    subject = named.subject;
    start = named.rest;
  }
  start = skipPreamble(folded, start, to);
  if (start < 0) return null;

  const rest = folded.slice(start, to);
  let leads = false;
  let coordinates = false;
  let coordinating: string | null = null;
  let titleStart = start;

  // "Chủ trì, …" opens the duty, or follows a short lead-in ("Tham mưu Lãnh đạo Sở chủ trì, phối hợp…").
  const chairAtStart = /^chu tri\b[\s,]*/.exec(rest);
  const chairInside = chairAtStart ? null : /^(.{0,60}?[\s,])chu tri,?\s+(?=phoi hop\b)/.exec(rest);
  const chair = chairAtStart ?? (chairInside && isLowerAt(text, start + chairInside[1].length) ? chairInside : null);
  const partner = /^(?:chu dong\s+)?phoi hop\s+(?:voi\s+)?/.exec(rest);
  if (chair) {
    leads = true;
    titleStart = start + chair[0].length;
    const withPartner = /^phoi hop\s+(?:voi\s+)?/.exec(folded.slice(titleStart, to));
    if (withPartner) {
      const split = splitPartner(text, folded, titleStart + withPartner[0].length, to);
      if (!split) return null;
      coordinating = split.partner;
      titleStart = split.rest;
    }
  } else if (partner) {
    coordinates = true;
    const split = splitPartner(text, folded, start + partner[0].length, to);
    if (!split) return null;
    coordinating = split.partner;
    titleStart = split.rest;
  } else if (!opensWithDuty(rest)) {
    return null;
  }
  titleStart = skipConnective(folded, titleStart, to);
  return { titleStart, titleEnd: clauseEnd(text, titleStart, to), subject, coordinating, leads, coordinates };
}

function isLowerAt(text: string, index: number): boolean {
  const ch = text[index] ?? '';
  return ch === ch.toLowerCase();
}

/** A verb, or an adverb with a verb soon after ("Định kỳ hàng quý, 6 tháng, năm…, tham mưu…"). */
function opensWithDuty(folded: string): boolean {
  if (STARTS_WITH_ACTION.test(folded)) return true;
  if (!STARTS_WITH_ADVERB.test(folded)) return false;
  ACTION_ANYWHERE.lastIndex = 0;
  const verb = ACTION_ANYWHERE.exec(folded.slice(0, 80));
  return verb !== null;
}

/** "Căn cứ Kế hoạch …, cụ thể hóa …": skips to the duty; -1 when the preamble never hands over to one. */
function skipPreamble(folded: string, from: number, to: number): number {
  if (!/^(?:can cu|tren co so)\b/.test(folded.slice(from, to))) return from;
  ACTION_AFTER_COMMA.lastIndex = from;
  const m = ACTION_AFTER_COMMA.exec(folded);
  if (!m || m.index >= to) return -1;
  return m.index + m[0].length;
}

/** "phối hợp với <partner> <việc>": the partner as written and where the work starts. */
function splitPartner(text: string, folded: string, from: number, to: number): { partner: string; rest: number } | null {
  const end = findPhraseEnd(text, folded, from, Math.min(to, from + PARTNER_MAX_LENGTH));
  if (end === null) return null;
  const partner = text.slice(from, end).replace(/[\s,]+$/, '');
  if (partner === '') return null;
  return { partner, rest: end };
}

const PARTNER_MAX_LENGTH = 160;

/** "… để kịp thời cập nhật …", "… trong việc kiểm soát …", "Đồng thời …": the connective is not part of the title. */
function skipConnective(folded: string, from: number, to: number): number {
  const m = /^(?:de|trong viec|nham|dong thoi,?)\s+/.exec(folded.slice(from, to));
  return m ? from + m[0].length : from;
}

/**
 * A title is the first clause (up to ";") of the duty, unless a list opened by ":" runs through the
 * semicolons ("…các mục tiêu, nhiệm vụ: công tác chỉ đạo, điều hành; cải cách…"), or the clause is
 * too short to say anything on its own.
 */
function clauseEnd(text: string, from: number, to: number): number {
  const semicolon = text.indexOf(';', from);
  if (semicolon < 0 || semicolon >= to) return to;
  const colon = text.indexOf(':', from);
  if (colon >= 0 && colon < semicolon) return to;
  return semicolon - from < 20 ? to : semicolon;
}

export function titleOf(text: string, start: number, end: number): string {
  const raw = text
    .slice(start, end)
    .replace(/\.\/\.$/, '')
    .replace(/[\s.,;:(]+$/, '')
    .replace(/\s+(?:và|hoặc)$/u, '')
    .trim();
  return truncateWords(capitalize(raw), TITLE_MAX_LENGTH);
}

// ---------------------------------------------------------------------------------------------
// Responsibilities

function responsibility(sentence: Sentence, context: Context): ProseCandidate | null {
  const { text, folded, span, start } = sentence;
  const own = folded.slice(span.start, span.end);
  // A lead-in ("…, cụ thể:") only announces the list below it, which gives the candidates.
  if (/:$/.test(own) || BOILERPLATE.test(own)) return null;

  const action = actionOf(text, folded, start, span.end);
  if (!action) return null;
  const title = titleOf(text, action.titleStart, action.titleEnd);
  if (title.length < 3) return null;

  let lead = action.subject ?? sentence.inlineLead ?? context.lead;
  let coordinating = action.coordinating;
  // "Phối hợp Phòng Nội vụ tham gia đánh giá…" under "5. Phòng Tài chính - Kế hoạch": the one unit
  // named as partner leads that work and the heading's unit contributes. A group or a mix ("Phòng
  // Nội vụ và các phòng, ban chuyên môn liên quan") is not swapped: which of them leads is a guess.
  if (action.coordinates && coordinating !== null && !action.subject && isSingleNamedUnit(coordinating)) {
    [lead, coordinating] = [coordinating, lead];
  }
  return {
    kind: 'responsibility',
    title,
    leadText: lead,
    coordinatingText: coordinating,
    due: null,
    timelineText: null,
    sourceSentence: text.slice(span.start, span.end),
    sourceLine: sentence.line,
    section: context.section,
    confidence: action.leads && lead !== null ? 'high' : 'medium',
  };
}

/** One specific unit ("Phòng Nội vụ", "Văn phòng Sở"), as opposed to a group or a list of units. */
export function isSingleNamedUnit(phrase: string): boolean {
  return /^\p{Lu}/u.test(phrase) && startsWithUnit(phrase) && !/(?<![a-z])(?:cac|nhung|lien quan|khac)(?![a-z])/.test(foldSameLength(phrase));
}

// ---------------------------------------------------------------------------------------------
// Dated obligations

interface Years {
  planYear: number;
  endYear: number;
}

function yearsOf(opts: ProseCandidateOptions): Years {
  const endYear = opts.planEndYear ?? opts.planYear;
  // Bad options are a caller bug, not user data: fail loudly, as the timeline parser does.
  if (!Number.isInteger(opts.planYear) || !Number.isInteger(endYear) || endYear < opts.planYear) {
    throw new RangeError(`extractProseCandidates: invalid plan years ${opts.planYear}..${endYear}`);
  }
  return { planYear: opts.planYear, endYear };
}

const DATE = String.raw`(\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?|\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?)(?![\d/])`;
/**
 * "trước ngày D/M[/YYYY]", "chậm nhất (là) ngày …", "thời hạn / hạn chót / hạn nộp: ngày …" (folded).
 * A bare "hạn" only counts right before "ngày", so "hạn chế", "trước hạn", "quá thời hạn quy định"
 * never read as deadlines.
 */
export const DEADLINE_SOURCE =
  String.raw`(?<![a-z])(?:truoc\s+ngay|cham\s+nhat\s+(?:(?:la|vao|truoc|den)\s+)?ngay|(?:thoi\s+han|han\s+chot|han\s+cuoi|han\s+nop|han\s+gui|han\s+hoan\s+thanh|han)\s*(?::|la|den|vao)?\s*(?:het\s+)?ngay)\s+` +
  DATE;
const DEADLINE = new RegExp(DEADLINE_SOURCE);
const DEADLINE_ALL = new RegExp(DEADLINE_SOURCE, 'g');

/** "các văn bản được ban hành trước ngày 01/7/2016": a cut-off describing things, not a deadline. */
const CUT_OFF_BEFORE = /(?:duoc\s+ban\s+hanh|co\s+hieu\s+luc|phat\s+sinh)\s*$/;

function datedObligations(sentence: Sentence, context: Context): ProseCandidate[] {
  const { text, folded, span, start } = sentence;
  const out: ProseCandidate[] = [];
  DEADLINE_ALL.lastIndex = span.start;
  for (let m = DEADLINE_ALL.exec(folded); m !== null && m.index < span.end; m = DEADLINE_ALL.exec(folded)) {
    const matchStart = m.index;
    const matchEnd = m.index + m[0].length;
    if (matchEnd > span.end || CUT_OFF_BEFORE.test(folded.slice(span.start, matchStart))) continue;

    const dateStart = matchEnd - m[1].length;
    const when = dueOf(text.slice(dateStart, matchEnd), context.years);
    if (when.drop) continue;

    const clauseStart = Math.max(start, text.lastIndexOf(';', matchStart - 1) + 1);
    const nextSemicolon = text.indexOf(';', matchEnd);
    const clauseStop = nextSemicolon >= 0 && nextSemicolon < span.end ? nextSemicolon : span.end;
    const read = readObligation(text, folded, clauseStart, matchStart, matchEnd, clauseStop);
    if (!read) continue;

    const lead = read.subject ?? sentence.inlineLead ?? context.lead;
    out.push({
      kind: 'dated-obligation',
      title: read.title,
      leadText: lead,
      coordinatingText: read.coordinating,
      due: when.due,
      timelineText: text.slice(matchStart, matchEnd),
      sourceSentence: text.slice(span.start, span.end),
      sourceLine: sentence.line,
      section: context.section,
      confidence: when.certain && read.certain && lead !== null ? 'high' : 'medium',
    });
  }
  return out;
}

interface Obligation {
  title: string;
  subject: string | null;
  coordinating: string | null;
  /** Labelled ("Báo cáo …: trước ngày …") or opened by a verb: the title is the thing that is due. */
  certain: boolean;
}

/**
 * What is due: the label before "…: trước ngày" when there is one, else the duty written before the
 * deadline in its clause ("…, gửi về UBND thành phố trước ngày 20/01/2024"), else after it
 * ("Trước ngày 20/01, các phòng gửi…").
 */
function readObligation(
  text: string,
  folded: string,
  clauseStart: number,
  matchStart: number,
  matchEnd: number,
  clauseStop: number,
): Obligation | null {
  const before = trimSpan(text, clauseStart, matchStart);
  if (before.end > before.start && text[before.end - 1] === ':') {
    const title = titleOf(text, before.start, before.end - 1);
    return title.length < 3 ? null : { title, subject: null, coordinating: null, certain: true };
  }
  for (const side of [before, trimSpan(text, matchEnd, clauseStop)]) {
    const from = skipPunctuation(text, side.start, side.end);
    if (side.end - from < 3) continue;
    const action = actionOf(text, folded, from, side.end);
    if (action) {
      const title = titleOf(text, action.titleStart, side.end);
      if (title.length >= 3) return { title, subject: action.subject, coordinating: action.coordinating, certain: true };
    }
    const title = titleOf(text, from, side.end);
    if (title.length >= 3) return { title, subject: null, coordinating: null, certain: false };
  }
  return null;
}

function skipPunctuation(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && /[\s,:;(]/.test(text[i])) i++;
  return i;
}

interface Due {
  due: string | null;
  /** The date parsed without any warning and falls inside the plan's years. */
  certain: boolean;
  /** Years away from the plan: a reference to an old document or a typo, not a deadline of this plan. */
  drop: boolean;
}

function dueOf(dateText: string, years: Years): Due {
  const cell = dateText.replace(/\s*[.-]\s*/g, '/').replace(/\s*\/\s*/g, '/');
  const parse = parseTimeline(cell, { planYear: years.planYear, planEndYear: years.endYear });
  const deadlines = parse.milestones.filter((m) => m.kind === 'deadline' && m.due !== null);
  if (deadlines.length !== 1) return { due: null, certain: false, drop: false };
  const due = deadlines[0].due as string;
  const year = Number(due.slice(0, 4));
  if (year < years.planYear - 1 || year > years.endYear + 1) return { due: null, certain: false, drop: true };
  return { due, certain: parse.warnings.length === 0, drop: false };
}

// ---------------------------------------------------------------------------------------------

/** The same duty read twice (a repeated sentence, a repeated paragraph) is proposed once. */
function dedupe(candidates: ProseCandidate[]): ProseCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = JSON.stringify([c.kind, c.title, c.leadText, c.coordinatingText, c.due, c.sourceSentence]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
