import type { IsoDate } from '../calendar';
import { foldForSearch } from '../text/fold';
import { cleanCellText } from './cell-text.util';

/**
 * What a plan says about itself above (and around) its body: the fields an office files a plan
 * under. Every field is null when the plan does not state it — drafts leave the number and the day
 * blank until signing, so blanks are normal and never guessed.
 */
export interface PlanHeader {
  /** "123/KH-SNV"; null while the number is still blank ("Số: /KH-SNV"). */
  number: string | null;
  /** The document symbol after the slash ("KH-SNV"), kept even when the number is blank. */
  symbol: string | null;
  /** The line(s) under "KẾ HOẠCH": "Cải cách hành chính Sở Nội vụ năm 2023". */
  title: string | null;
  /** The line under "PHỤ LỤC": the only title a stand-alone appendix file has. */
  appendixTitle: string | null;
  /** As written: the letterhead ("SỞ NỘI VỤ"), else "của …" in the title, else the body's first sentence. */
  issuer: string | null;
  /** "Bình Định", "TP. Hưng Yên". */
  place: string | null;
  /** Issue date when day, month and year are all written and valid. */
  date: IsoDate | null;
  /** What the date line fills in: drafts write "ngày tháng 12 năm 2022", which still gives month and year. */
  dateParts: { day: number | null; month: number | null; year: number | null } | null;
  /** The year a one-year plan covers (from "… năm 2023"); null for a multi-year plan. */
  year: number | null;
  /** A multi-year plan's years ("giai đoạn 2022-2025"); null for a one-year plan. */
  period: { startYear: number; endYear: number } | null;
  signer: string | null;
  /** The signer's own position: "PHÓ GIÁM ĐỐC", "CHỦ TỊCH". */
  signerPosition: string | null;
  /** "KT." (ký thay): a deputy signs for the head named in `signingFor`. */
  signedOnBehalf: boolean;
  /** Who the signature is given for, after "KT."/"TM."/"TL."/"TUQ.": "GIÁM ĐỐC", "ỦY BAN NHÂN DÂN". */
  signingFor: string | null;
}

// "Số: 123/KH-SNV", "Số: /KH - SNV", "Số:    /KH-UBND": the symbol is upper-case pieces joined by dashes.
const NUMBER = /\bSố\s*:\s*([^\s/]*)\s*\/\s*([A-ZĐ0-9]+(?:\s*-\s*[A-ZĐ0-9]+)*)/u;
// Blank day/month are left as spaces, dots or underscores in drafts.
const DATE = /,\s*ngày\s*(?:(\d{1,2})|[.…_\s]*?)\s*tháng\s*(?:(\d{1,2})|[.…_\s]*?)\s*năm\s*(\d{4})\b/iu;
const MOTTO = /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–—]\s*Tự do\s*[-–—]\s*Hạnh phúc/giu;
const TITLE_HEADING = /^KẾ HOẠCH(?:\s+(.+))?$/u;
const APPENDIX_HEADING = /^phu luc(?:\s+[ivx\d]+)?$/;
/** Lines that start the plan body: the title has ended. Matched on folded text. */
const BODY_START = /^(can cu|thuc hien|de |nham|tren co so|trien khai|thi hanh|theo |so\s*:|\(kem theo|\(ban hanh|[ivxlc]+\.\s|\d+[.)]\s|[-–•+])/;
const MAX_TITLE_LINES = 4;
const MAX_TITLE_LINE_LENGTH = 200;

// Agency words that start a letterhead name. "BAN" inside "ỦY BAN NHÂN DÂN" is not a new agency.
const LETTERHEAD_AGENCY =
  /(?:^|\s)(?<!ỦY\s|UỶ\s)(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|SỞ|CHI CỤC|TỔNG CỤC|CỤC|BỘ|VĂN PHÒNG|TRUNG TÂM|PHÒNG|BAN|THANH TRA)(?=\s)/gu;
/** The letterhead is the top of the first page; upper-case headings further down are body text. */
const LETTERHEAD_LINES = 8;
const AGENCY_WORDS = '(?:Sở|UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Ban|Phòng|Chi cục|Cục|Bộ|Trung tâm|Văn phòng)';
const TITLE_ISSUER = new RegExp(`\\bcủa\\s+(${AGENCY_WORDS}\\s.+)$`, 'u');
const BODY_ISSUER = new RegExp(
  `(?:^|[;.,]\\s+)(${AGENCY_WORDS}\\s[^;,.:]{1,80}?)\\s+(?:xây dựng|ban hành|triển khai)\\s+(?:kế hoạch|Kế hoạch)`,
  'u',
);
const ANNEX_ISSUER = /^\(\s*(?:Ban hành\s+)?[Kk]èm theo\b.*?\bcủa\s+(.+?)\s*\)?$/u;

const SIGNING_PREFIX = /^(KT|TM|TL|TUQ)\s*\.\s*/u;
const POSITION =
  /(?:PHÓ\s+)?(?:TỔNG GIÁM ĐỐC|GIÁM ĐỐC|CHỦ TỊCH|TRƯỞNG BAN|TRƯỞNG PHÒNG|CHÁNH VĂN PHÒNG|CHÁNH THANH TRA|CHI CỤC TRƯỞNG|CỤC TRƯỞNG|VIỆN TRƯỞNG|HIỆU TRƯỞNG|BỘ TRƯỞNG|THỨ TRƯỞNG|VỤ TRƯỞNG)/gu;
const POSITION_AT_START = new RegExp(`^${POSITION.source}`, 'u');
/** A personal name: 2–6 capitalized words, letters only ("Lê Minh Tuấn", "Nguyễn Thị Tươi"). */
const PERSON_NAME = /^\p{Lu}\p{Ll}*(?:\s\p{Lu}\p{Ll}*){1,5}$/u;
/** How far below the position the name may sit: seed 004 puts the whole "Nơi nhận" list in between. */
const SIGNER_SEARCH_LINES = 30;

/**
 * Reads number, date, place, title, issuer, plan year/period and signature from a plan's text: the
 * whole text of a text plan, or `RawAppendix.precedingText` of a Word/Excel file. Pure; tolerant of
 * the markdown/HTML residue that converted plans carry (`**KẾ HOẠCH**`, `<b>…</b>`, `### III.`).
 */
export function parsePlanHeader(text: string | readonly string[]): PlanHeader {
  const lines = toLines(text);
  const titleAt = lines.findIndex((line) => TITLE_HEADING.test(line));
  const title = titleAt < 0 ? null : readTitle(lines, titleAt);
  const appendixTitle = readAppendixTitle(lines);
  // The number and date sit above the title; without a title, anywhere before the table.
  const headerLines = titleAt < 0 ? lines : lines.slice(0, titleAt);
  const numbering = readNumber(headerLines);
  const dated = readPlaceAndDate(headerLines);
  const years = readYears(title) ?? readYears(appendixTitle);
  const signature = readSignature(lines);
  return {
    number: numbering?.number ?? null,
    symbol: numbering?.symbol ?? null,
    title: title?.text ?? null,
    appendixTitle,
    issuer: readIssuer(lines, titleAt, title),
    place: dated?.place ?? null,
    date: dated?.date ?? null,
    dateParts: dated?.parts ?? null,
    year: years?.year ?? null,
    period: years?.period ?? null,
    signer: signature?.name ?? null,
    signerPosition: signature?.position ?? null,
    signedOnBehalf: signature?.prefix === 'KT',
    signingFor: signature?.signingFor ?? null,
  };
}

/** One cleaned line per text line ('' kept: a blank line ends a title). */
function toLines(text: string | readonly string[]): string[] {
  const entries = typeof text === 'string' ? [text] : text;
  return entries.flatMap((entry) => entry.split(/\r\n|\r|\n/)).map(cleanLine);
}

function cleanLine(raw: string): string {
  return cleanCellText(raw.normalize('NFC'))
    .replace(/^#+\s*/, '')
    .replace(/^[*_]+|[*_]+$/g, '')
    .trim();
}

interface TitleRead {
  text: string;
  /** Index of the last line of the title. */
  end: number;
}

function readTitle(lines: readonly string[], at: number): TitleRead | null {
  const parts: string[] = [];
  const inline = TITLE_HEADING.exec(lines[at])?.[1];
  if (inline) parts.push(inline);
  let end = at;
  for (let i = at + 1; i < lines.length && parts.length < MAX_TITLE_LINES; i++) {
    const line = lines[i];
    if (line === '') {
      if (parts.length > 0) break;
      continue;
    }
    if (BODY_START.test(foldForSearch(line)) || line.length > MAX_TITLE_LINE_LENGTH) break;
    parts.push(line);
    end = i;
  }
  return parts.length === 0 ? null : { text: parts.join(' '), end };
}

function readAppendixTitle(lines: readonly string[]): string | null {
  const at = lines.findIndex((line) => APPENDIX_HEADING.test(foldForSearch(line)));
  if (at < 0) return null;
  const next = lines.slice(at + 1).find((line) => line !== '');
  return next && !next.startsWith('(') ? next : null;
}

function readNumber(lines: readonly string[]): { number: string | null; symbol: string } | null {
  for (const line of lines) {
    const match = NUMBER.exec(line);
    if (!match) continue;
    const symbol = match[2].replace(/\s*-\s*/g, '-');
    // Drafts leave the number blank or dotted ("Số: …/KH-SNV"): only digits make a number.
    const number = /\d/.test(match[1]) ? `${match[1]}/${symbol}` : null;
    return { number, symbol };
  }
  return null;
}

interface DateRead {
  place: string | null;
  date: IsoDate | null;
  parts: { day: number | null; month: number | null; year: number | null };
}

function readPlaceAndDate(lines: readonly string[]): DateRead | null {
  for (const line of lines) {
    // "(Kèm theo Kế hoạch số …, ngày … năm 2022)" dates the plan an appendix belongs to, not this file.
    if (line.startsWith('(')) continue;
    const match = DATE.exec(line);
    if (!match) continue;
    const day = match[1] ? Number(match[1]) : null;
    const month = match[2] ? Number(match[2]) : null;
    const year = Number(match[3]);
    return { place: readPlace(line.slice(0, match.index)), date: isoDate(year, month, day), parts: { day, month, year } };
  }
  return null;
}

/** The place is what precedes ", ngày", once a number or the national motto on the same line is cut off. */
function readPlace(before: string): string | null {
  let text = before;
  const numbering = NUMBER.exec(text);
  if (numbering) text = text.slice(numbering.index + numbering[0].length);
  text = text.replace(MOTTO, ' ').replace(/^[\s,.;:–-]+/, '').trim();
  if (text === '') return null;
  if (text.length <= 40) return text;
  // A longer run is a merged cell of the letterhead: the place is its last capitalized words.
  const tail = /((?:TP\.\s*)?\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,4})$/u.exec(text);
  return tail ? tail[1] : null;
}

function isoDate(year: number, month: number | null, day: number | null): IsoDate | null {
  if (month === null || day === null || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

type YearsRead = { year: number; period: null } | { year: null; period: { startYear: number; endYear: number } };

/**
 * "… năm 2023" names a one-year plan even when a period is also mentioned ("thực hiện giai đoạn
 * 2021-2025 năm 2023"); a period alone ("giai đoạn 2022-2025") names a multi-year plan.
 */
function readYears(title: string | TitleRead | null): YearsRead | null {
  if (title === null) return null;
  const folded = foldForSearch(typeof title === 'string' ? title : title.text);
  const year = /\bnam\s+(\d{4})\b/.exec(folded);
  if (year) return { year: Number(year[1]), period: null };
  const period = /\b(\d{4})\s*[-–—]\s*(\d{4})\b/.exec(folded);
  if (period) {
    const startYear = Number(period[1]);
    const endYear = Number(period[2]);
    if (endYear > startYear) return { year: null, period: { startYear, endYear } };
    if (endYear === startYear) return { year: startYear, period: null };
  }
  return null;
}

function readIssuer(lines: readonly string[], titleAt: number, title: TitleRead | null): string | null {
  const letterhead = readLetterhead(lines, titleAt);
  if (letterhead) return letterhead;
  const ofTitle = title ? TITLE_ISSUER.exec(title.text) : null;
  if (ofTitle) return ofTitle[1].trim();
  if (title) {
    // The first sentence after the title usually says who issues it: "…; Sở Nội vụ ban hành Kế hoạch …".
    for (const line of lines.slice(title.end + 1)) {
      if (/^[IVXLC]+\.\s/.test(line)) break;
      const match = BODY_ISSUER.exec(line);
      if (match) return match[1].trim();
    }
  }
  for (const line of lines) {
    const match = ANNEX_ISSUER.exec(line);
    if (match) return match[1].trim();
  }
  return null;
}

/**
 * The agency block of the letterhead ("UBND TỈNH BÌNH ĐỊNH" over "SỞ NỘI VỤ"): the issuer is its
 * last, lowest-level name. Only upper-case lines above the title count; a Word letterhead table
 * gives both names in one cell, so the last agency word inside a line starts the issuer.
 */
function readLetterhead(lines: readonly string[], titleAt: number): string | null {
  const end = titleAt < 0 ? lines.findIndex((line) => APPENDIX_HEADING.test(foldForSearch(line))) : titleAt;
  const top = lines
    .slice(0, end < 0 ? lines.length : end)
    .filter((line) => line !== '')
    .slice(0, LETTERHEAD_LINES);
  let issuer: string | null = null;
  for (const line of top) {
    // A Word letterhead cell can hold "SỞ NỘI VỤ Số: 123/KH-SNV": judge the case without the number.
    const text = line.replace(MOTTO, ' ').replace(NUMBER, ' ').replace(/\s+/g, ' ').trim();
    if (!isWholeUpperCase(text)) continue;
    const starts = [...text.matchAll(LETTERHEAD_AGENCY)].map((m) => (m.index ?? 0) + m[0].indexOf(m[1]));
    if (starts[0] === 0) issuer = text.slice(starts[starts.length - 1]).trim();
  }
  return issuer;
}

interface SignatureRead {
  prefix: string | null;
  signingFor: string | null;
  position: string | null;
  name: string | null;
}

/**
 * The signature block: "[KT. GIÁM ĐỐC] PHÓ GIÁM ĐỐC" over the name, on separate lines (text) or in
 * one cell (Word). The first block that has a name below it wins; body text never has a line that
 * is only an upper-case position.
 */
function readSignature(lines: readonly string[]): SignatureRead | null {
  let nameless: SignatureRead | null = null;
  for (let i = 0; i < lines.length; i++) {
    const block = readSignatureBlock(lines, i);
    if (!block) continue;
    if (block.name) return block;
    nameless ??= block;
  }
  return nameless;
}

function readSignatureBlock(lines: readonly string[], at: number): SignatureRead | null {
  const prefix = SIGNING_PREFIX.exec(lines[at]);
  let { upper, rest } = splitUpperCase(prefix ? lines[at].slice(prefix[0].length) : lines[at]);
  if (upper === '') return null;
  let next = at + 1;
  if (!prefix) {
    // Without a prefix the line must be exactly a position ("GIÁM ĐỐC", "CHỦ TỊCH"), not prose.
    const positions = [...upper.matchAll(POSITION)];
    if (positions.length !== 1 || positions[0][0] !== upper) return null;
    return { prefix: null, signingFor: null, position: upper, name: rest ? personName(rest) : findName(lines, next) };
  }
  if (rest === '' && ownPosition(upper) === null) {
    // "KT. GIÁM ĐỐC" alone on its line: the signer's own position ("PHÓ GIÁM ĐỐC") is on the next one.
    const following = nextNonEmpty(lines, next);
    const below = following < 0 ? null : splitUpperCase(lines[following]);
    if (below && below.upper !== '' && POSITION_AT_START.test(below.upper)) {
      upper = `${upper} ${below.upper}`;
      rest = below.rest;
      next = following + 1;
    }
  }
  // The authority comes first ("GIÁM ĐỐC", "ỦY BAN NHÂN DÂN"); the signer's position follows it.
  const own = ownPosition(upper);
  return {
    prefix: prefix[1],
    signingFor: (own === null ? upper : upper.slice(0, own)).trim() || null,
    position: own === null ? null : upper.slice(own).trim(),
    name: rest ? personName(rest) : findName(lines, next),
  };
}

/** Start of the last position that follows something else (the authority), or null. */
function ownPosition(upper: string): number | null {
  const starts = [...upper.matchAll(POSITION)].map((m) => m.index ?? 0).filter((index) => index > 0);
  return starts.length === 0 ? null : starts[starts.length - 1];
}

function personName(text: string): string | null {
  return PERSON_NAME.test(text) ? text : null;
}

function findName(lines: readonly string[], from: number): string | null {
  let inRecipients = false;
  for (let i = from; i < lines.length && i < from + SIGNER_SEARCH_LINES; i++) {
    const line = lines[i];
    if (line === '') continue;
    if (/^nơi nhận\s*:?$/iu.test(line)) {
      inRecipients = true;
      continue;
    }
    if (/^[-–+•]/.test(line) || /^[([].*[)\]]$/.test(line)) continue;
    if (PERSON_NAME.test(line)) return line;
    // A recipient list item without a dash wrapped onto its own line: keep looking below it.
    if (inRecipients && !isWholeUpperCase(line)) continue;
    return null;
  }
  return null;
}

function nextNonEmpty(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (lines[i] !== '') return i;
  return -1;
}

/** The leading upper-case words of a line, and whatever follows them (a name, in a Word cell). */
function splitUpperCase(line: string): { upper: string; rest: string } {
  const words = line.split(' ').filter((w) => w !== '');
  let n = 0;
  while (n < words.length && isWholeUpperCase(words[n])) n++;
  return { upper: words.slice(0, n).join(' '), rest: words.slice(n).join(' ') };
}

function isWholeUpperCase(text: string): boolean {
  return /\p{Lu}/u.test(text) && text === text.toUpperCase();
}

