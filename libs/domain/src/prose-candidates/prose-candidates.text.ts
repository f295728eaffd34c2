/**
 * Text plumbing for the prose extractor: Markdown residue, paragraphs broken by the Word/PDF
 * conversion, sentence boundaries, and a folded twin of a string for diacritics-free matching.
 */

/** One paragraph of the plan, glued back together, with the input line each piece started on. */
export interface Block {
  text: string;
  /** `offset` into `text` where input line `line` (1-based) begins; ascending. */
  pieces: Array<{ offset: number; line: number }>;
  /** The first line was a Markdown heading (`#`) or wholly bold: a hint that it is a heading. */
  styledAsHeading: boolean;
}

export interface Span {
  start: number;
  end: number;
}

export { foldSameLength } from '../text/fold';

export function isLowerLetter(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

export function isUpperLetter(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Upper-cases the first letter only: "thực hiện chế độ…" → "Thực hiện chế độ…". */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

/** Caps a title at `max` characters on a word boundary; titles are edited by a person anyway. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max - 1);
  return `${text.slice(0, cut > max / 2 ? cut : max - 1).replace(/[\s,;:]+$/, '')}…`;
}

// Markdown residue from the .docx conversion: emphasis stars, heading hashes, backslash escapes.
const HEADING_HASHES = /^\s*#{1,6}\s+/;
const WHOLE_BOLD = /^\s*(\*\*|__)[\s\S]*\1\s*$/;
const ESCAPED = /\\([\\`*_{}[\]()#+\-.!|~<>])/g;

interface CleanLine {
  text: string;
  styledAsHeading: boolean;
}

function cleanLine(raw: string): CleanLine {
  const hashes = HEADING_HASHES.test(raw);
  const withoutHashes = raw.replace(HEADING_HASHES, '');
  const bold = WHOLE_BOLD.test(withoutHashes);
  const text = withoutHashes
    .replace(ESCAPED, '$1')
    .replace(/\*+/g, '')
    .replace(/(^|\s)__|__(\s|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
  return { text, styledAsHeading: hashes || bold };
}

/** Bullets and numbering that start a list item: "- ", "+ ", "a) ", "1. ", "1.1. ", "IV. ". */
export const ENUMERATOR = /^(?:(?<roman>[IVXL]+)\.|(?<num>\d{1,2}(?:\.\d{1,2})*)\.|(?<letter>[a-zđ])\)|(?<bullet>[-+•–—]))\s+/u;

const TERMINAL = /[.;:!?]$/;

/**
 * Splits the input into paragraphs. The conversion from Word breaks a sentence across lines (often
 * with a blank line between): a line that starts in lower case, after a paragraph that has not ended,
 * continues that paragraph. Consecutive lines are otherwise separate paragraphs, since list items
 * ("- Báo cáo CCHC quý I…") sit one per line without blank lines between them.
 */
export function toBlocks(input: string): Block[] {
  const lines = input.normalize('NFC').split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  lines.forEach((raw, index) => {
    const { text, styledAsHeading } = cleanLine(raw);
    if (text === '') return;
    const previous = blocks.at(-1);
    if (previous && isLowerLetter(text[0]) && !TERMINAL.test(previous.text) && !ENUMERATOR.test(text)) {
      previous.pieces.push({ offset: previous.text.length + 1, line: index + 1 });
      previous.text += ` ${text}`;
      return;
    }
    blocks.push({ text, pieces: [{ offset: 0, line: index + 1 }], styledAsHeading });
  });
  return blocks;
}

export function lineAt(block: Block, offset: number): number {
  let line = block.pieces[0].line;
  for (const piece of block.pieces) {
    if (piece.offset > offset) break;
    line = piece.line;
  }
  return line;
}

// A full stop after these does not end a sentence ("TP. Hưng Yên", "KT. GIÁM ĐỐC", "v.v. …").
const ABBREVIATIONS = new Set(['tp', 'kt', 'tm', 'tl', 'tuq', 'ths', 'ts', 'pgs', 'gs', 'bs', 'v.v', 'st', 'đ/c']);

/**
 * Sentence spans inside `text[from..]`: a sentence ends at ".", "!" or "?" followed by a space and
 * a capital letter, a digit or an opening bracket or quote. Semicolons do not end a sentence; they
 * separate clauses of one duty.
 */
export function splitSentences(text: string, from = 0): Span[] {
  const spans: Span[] = [];
  let start = from;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    if (text[i + 1] !== ' ') continue;
    const next = text[i + 2];
    if (!(isUpperLetter(next) || /[\d("“‘]/.test(next ?? ''))) continue;
    const word = /(\S+)$/.exec(text.slice(start, i))?.[1].toLowerCase() ?? '';
    if (ch === '.' && ABBREVIATIONS.has(word)) continue;
    spans.push(trimSpan(text, start, i + 1));
    start = i + 2;
  }
  if (start < text.length) spans.push(trimSpan(text, start, text.length));
  return spans.filter((s) => s.end > s.start);
}

export function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}
