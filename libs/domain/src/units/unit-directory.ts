import { foldForSearch } from '../text/fold';

/**
 * The vocabulary an organization uses for its units, and the one text normalization that every
 * comparison of unit wording goes through. Plans spell the same unit many ways ("Văn Phòng Sở",
 * "P.TCBC và TCPCP", "Phòng CCHC - VTLT"), so names are only ever compared in normalized form.
 */

/** `internal` = "thuộc Sở" (phòng, Văn phòng, Thanh tra); `affiliated` = "trực thuộc Sở" (ban, trung tâm). */
export type UnitKind = 'internal' | 'affiliated';

export interface UnitEntry {
  /** Stable code used by seeds, tests and persistence, e.g. `CCHC`. */
  readonly code: string;
  /** Canonical name as the organization writes it. */
  readonly name: string;
  readonly kind: UnitKind;
  /** Other spellings seen in plans; compared after `normalizeUnitText`, so case/diacritic variants need no entry. */
  readonly aliases: readonly string[];
}

/**
 * A phrase that names a set of units rather than one unit. Resolving a group is deliberate: the
 * workflow fans out to every unit (`ALL_UNITS`, `AFFILIATED_UNITS`) or waits for the lead unit to
 * name the participants (`RELEVANT`); guessing members here would be wrong.
 */
export type UnitGroup = 'ALL_UNITS' | 'AFFILIATED_UNITS' | 'RELEVANT';

export const UNIT_GROUPS: readonly UnitGroup[] = ['ALL_UNITS', 'AFFILIATED_UNITS', 'RELEVANT'];

/**
 * The group phrases used by a provincial department (Sở). Organizations of another shape supply
 * their own phrases in their directory.
 */
export const DEPARTMENT_GROUP_PHRASES: Readonly<Record<UnitGroup, readonly string[]>> = {
  ALL_UNITS: [
    'Các đơn vị thuộc, trực thuộc Sở',
    'Các đơn vị thuộc và trực thuộc Sở',
    'Các cơ quan, đơn vị thuộc, trực thuộc Sở',
    'Các phòng, ban, trung tâm thuộc và trực thuộc Sở',
  ],
  AFFILIATED_UNITS: ['các đơn vị trực thuộc Sở'],
  RELEVANT: [
    'Các đơn vị liên quan',
    'Các đơn vị có liên quan',
    'Các cơ quan, đơn vị có liên quan',
    'các cơ quan, đơn vị có liên quan',
  ],
};

export interface UnitDirectory {
  readonly organizationCode: string;
  readonly organizationName: string;
  readonly units: readonly UnitEntry[];
  readonly groupPhrases: Readonly<Record<UnitGroup, readonly string[]>>;
}

/** One character of normalized text and the span of the original text it came from. */
interface MappedChar {
  ch: string;
  from: number;
  to: number;
}

export interface NormalizedText {
  text: string;
  /** `sourceStart[i]` / `sourceEnd[i]`: span of the input (after NFC) that produced `text[i]`. */
  sourceStart: number[];
  sourceEnd: number[];
  /** The NFC form of the input: the offsets above index into this string. */
  source: string;
}

const DASHES = /[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
const WHITESPACE = /\s/;
const TRAILING_PUNCTUATION = /[.,;:!?…]/;
const ALNUM = /[a-z0-9]/;

/**
 * Normalized form of a unit name or unit cell, keeping for every output character the span of the
 * input it came from, so that a match found in normalized text can be reported in the user's words.
 */
export function normalizeUnitTextMapped(input: string): NormalizedText {
  const source = input.normalize('NFC');
  let chars: MappedChar[] = [];
  for (let i = 0; i < source.length; ) {
    const codePoint = source.codePointAt(i) ?? 0;
    const original = String.fromCodePoint(codePoint);
    const to = i + original.length;
    const folded = foldChar(original);
    for (const ch of folded) chars.push({ ch, from: i, to });
    i = to;
  }
  chars = collapseSpacing(chars);
  chars = expandRoomAbbreviation(chars);
  chars = stripTrailingPunctuation(chars);
  return {
    text: chars.map((c) => c.ch).join(''),
    sourceStart: chars.map((c) => c.from),
    sourceEnd: chars.map((c) => c.to),
    source,
  };
}

/** NFC, lowercase, no diacritics, single spaces, "-" without spaces around it, "P."→"phong ", no trailing punctuation. */
export function normalizeUnitText(s: string): string {
  return normalizeUnitTextMapped(s).text;
}

function foldChar(ch: string): string {
  if (WHITESPACE.test(ch)) return ' ';
  if (DASHES.test(ch)) return '-';
  return foldForSearch(ch);
}

/** "CCHC - VTLT" and "CCHC-VTLT" must compare equal, as must "Văn  phòng" and "Văn phòng". */
function collapseSpacing(chars: MappedChar[]): MappedChar[] {
  const out: MappedChar[] = [];
  for (const c of chars) {
    const prev = out[out.length - 1];
    if (c.ch === ' ') {
      if (!prev || prev.ch === ' ' || prev.ch === '-') continue;
      out.push(c);
    } else if (c.ch === '-') {
      if (prev?.ch === ' ') out.pop();
      out.push(c);
    } else {
      out.push(c);
    }
  }
  while (out.length && out[out.length - 1].ch === ' ') out.pop();
  return out;
}

/** "P.TCBC", "P. TCBC" and "P TCBC" are how offices abbreviate "Phòng" in tight table cells. */
function expandRoomAbbreviation(chars: MappedChar[]): MappedChar[] {
  const out: MappedChar[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const startsWord = i === 0 || !ALNUM.test(chars[i - 1].ch);
    const next = chars[i + 1];
    if (c.ch === 'p' && startsWord && next && (next.ch === '.' || next.ch === ' ')) {
      let j = i + 1;
      if (chars[j]?.ch === '.') j++;
      if (chars[j]?.ch === ' ') j++;
      // "p." at the very end, or "p" followed by a non-word, is not an abbreviation of a name.
      if (j < chars.length && ALNUM.test(chars[j].ch)) {
        const span = { from: c.from, to: chars[j - 1].to };
        for (const ch of 'phong ') out.push({ ch, ...span });
        i = j - 1;
        continue;
      }
    }
    out.push(c);
  }
  return out;
}

function stripTrailingPunctuation(chars: MappedChar[]): MappedChar[] {
  let end = chars.length;
  while (end > 0 && (TRAILING_PUNCTUATION.test(chars[end - 1].ch) || chars[end - 1].ch === ' ')) end--;
  return chars.slice(0, end);
}
