import {
  normalizeUnitText,
  normalizeUnitTextMapped,
  UNIT_GROUPS,
  type NormalizedText,
  type UnitDirectory,
  type UnitGroup,
} from './unit-directory';

/** One unit or group named in a cell. `raw` is the cell's own wording, for messages and review screens. */
export interface UnitRef {
  raw: string;
  unit?: string;
  group?: UnitGroup;
}

export interface UnitCellResolution {
  refs: UnitRef[];
  /** Text that names no known unit or group, in the cell's wording; for a person to map, never guessed. */
  unknown: string[];
}

interface PhraseTarget {
  unit?: string;
  group?: UnitGroup;
}

interface CompiledDirectory {
  /** Longest first, so that "phong tcbc va tcpcp" wins over anything it starts with. */
  phrases: Array<{ text: string; target: PhraseTarget }>;
}

interface Span {
  start: number;
  end: number;
}

// Unit names themselves contain "," and "và" ("Phòng Công chức, viên chức", "Phòng TCBC và TCPCP"),
// so these only separate *between* recognized names; they never split the cell up front.
const SEPARATOR_CHARS = /[\s,;+•\-/]/;
const SEPARATOR_WORDS = ['va', 'voi'];
/** Words that start the name of some unit: where a run of unknown text most likely holds a second unit. */
const UNIT_HEAD = /^(phong|ban|van phong|trung tam|thanh tra|so|chi cuc|cuc|uy ban|ubnd|cac|cong an|vien|hoi|doan)\b/;

const compiledDirectories = new WeakMap<UnitDirectory, CompiledDirectory>();

/**
 * Reads a lead/coordinating cell into the units and groups it names. Scans the normalized text for
 * the longest known name, alias or group phrase at each position; a name only counts when it ends at
 * a separator, the cell's end or another name, so "Thanh tra tỉnh" is not taken for "Thanh tra".
 */
export function resolveUnitCell(cell: string, directory: UnitDirectory): UnitCellResolution {
  const { phrases } = compileDirectory(directory);
  const norm = normalizeUnitTextMapped(cell);
  const text = norm.text;
  const refs: UnitRef[] = [];
  const unknown: string[] = [];

  let pos = 0;
  // A name may start at the cell's start, after an explicit separator or right after another name;
  // never in the middle of unknown words, where it would split an unknown unit's name.
  let canStart = true;
  let pendingUnknown = null as Span | null;

  const longestAt = (at: number, depth: number): { end: number; target: PhraseTarget } | null => {
    for (const phrase of phrases) {
      if (!text.startsWith(phrase.text, at)) continue;
      const end = at + phrase.text.length;
      if (end < text.length && !SEPARATOR_CHARS.test(text[end])) continue;
      if (depth > 0 || isAcceptableFollower(end, depth)) return { end, target: phrase.target };
    }
    return null;
  };
  const isAcceptableFollower = (end: number, depth: number): boolean => {
    let at = end;
    while (text[at] === ' ') at++;
    if (at >= text.length || separatorLength(text, at) > 0) return true;
    return longestAt(at, depth + 1) !== null;
  };
  const flushUnknown = () => {
    if (pendingUnknown) unknown.push(...splitUnknown(norm, pendingUnknown));
    pendingUnknown = null;
  };

  while (pos < text.length) {
    const separator = separatorLength(text, pos);
    if (separator > 0) {
      if (text.slice(pos, pos + separator).trim() !== '') canStart = true;
      pos += separator;
      continue;
    }
    const match = canStart ? longestAt(pos, 0) : null;
    if (match) {
      flushUnknown();
      refs.push({ raw: sourceText(norm, { start: pos, end: match.end }), ...match.target });
      pos = match.end;
      canStart = true;
      continue;
    }
    let end = pos;
    while (end < text.length && !SEPARATOR_CHARS.test(text[end])) end++;
    pendingUnknown = { start: pendingUnknown?.start ?? pos, end };
    pos = end;
    canStart = false;
  }
  flushUnknown();
  return { refs, unknown };
}

/** Length of the separator run at `at` (punctuation, spaces, "và", "với"), 0 if none. */
function separatorLength(text: string, at: number): number {
  let pos = at;
  for (;;) {
    if (pos < text.length && SEPARATOR_CHARS.test(text[pos])) {
      pos++;
      continue;
    }
    const word = SEPARATOR_WORDS.find(
      (w) => text.startsWith(w, pos) && (pos + w.length === text.length || SEPARATOR_CHARS.test(text[pos + w.length])),
    );
    const atWordStart = pos === 0 || SEPARATOR_CHARS.test(text[pos - 1]);
    if (word && atWordStart) {
      pos += word.length;
      continue;
    }
    return pos - at;
  }
}

/**
 * Unknown text is reported as the cell wrote it. It is split only where a separator is followed by a
 * word that starts a unit name ("Phòng Tư pháp, Phòng Y tế"), so that one unknown name with a comma
 * inside ("Phòng Lao động, Thương binh và Xã hội") stays whole.
 */
function splitUnknown(norm: NormalizedText, span: Span): string[] {
  const text = norm.text;
  const pieces: string[] = [];
  let pieceStart = span.start;
  let pos = span.start;
  while (pos < span.end) {
    const separator = separatorLength(text, pos);
    const hasExplicitSeparator = separator > 0 && text.slice(pos, pos + separator).trim() !== '';
    if (hasExplicitSeparator && pos > pieceStart && UNIT_HEAD.test(text.slice(pos + separator, span.end))) {
      pieces.push(sourceText(norm, { start: pieceStart, end: trimEnd(text, pieceStart, pos) }));
      pieceStart = pos + separator;
      pos += separator;
      continue;
    }
    pos += Math.max(separator, 1);
  }
  pieces.push(sourceText(norm, { start: pieceStart, end: span.end }));
  return pieces.filter((p) => p !== '');
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && text[e - 1] === ' ') e--;
  return e;
}

function sourceText(norm: NormalizedText, span: Span): string {
  if (span.end <= span.start) return '';
  return norm.source.slice(norm.sourceStart[span.start], norm.sourceEnd[span.end - 1]).trim();
}

function compileDirectory(directory: UnitDirectory): CompiledDirectory {
  const cached = compiledDirectories.get(directory);
  if (cached) return cached;

  const targets = new Map<string, PhraseTarget>();
  const add = (phrase: string, target: PhraseTarget) => {
    const text = normalizeUnitText(phrase);
    if (!text) return;
    const existing = targets.get(text);
    if (existing && (existing.unit !== target.unit || existing.group !== target.group)) {
      // A shared alias would make every cell that uses it ambiguous: refuse the directory, not the cell.
      throw new Error(
        `Danh mục đơn vị của ${directory.organizationCode} có tên "${phrase}" trùng giữa ` +
          `${existing.unit ?? existing.group} và ${target.unit ?? target.group}.`,
      );
    }
    targets.set(text, target);
  };
  for (const unit of directory.units) {
    for (const phrase of [unit.name, ...unit.aliases]) add(phrase, { unit: unit.code });
  }
  for (const group of UNIT_GROUPS) {
    for (const phrase of directory.groupPhrases[group] ?? []) add(phrase, { group });
  }

  const compiled: CompiledDirectory = {
    phrases: [...targets.entries()]
      .map(([text, target]) => ({ text, target }))
      .sort((a, b) => b.text.length - a.text.length),
  };
  compiledDirectories.set(directory, compiled);
  return compiled;
}
