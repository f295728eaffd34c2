// Inline markup that text conversions of Word/PDF files leave in cells: <b>…</b> and markdown bold.
const INLINE_TAGS = /<\/?(?:b|i|u|em|strong|span|sup|sub|p|br)\b[^>]*>/gi;
const MARKDOWN_EMPHASIS = /\*\*|__/g;

/** Cell text as the assembler compares and stores it: no markup, single spaces, trimmed. */
export function cleanCellText(s: string | null | undefined): string {
  if (!s) return '';
  return s.replace(INLINE_TAGS, ' ').replace(MARKDOWN_EMPHASIS, '').replace(/\s+/g, ' ').trim();
}

/**
 * Glues a piece of a row broken by a page break onto the text above it. A word hyphen at the break
 * ("Phòng CCHC-" + "VTLT") joins without a space; a spaced dash ("Thi đua -") keeps one.
 */
export function glueText(above: string, below: string): string {
  if (!below) return above;
  if (!above) return below;
  return /\S-$/.test(above) ? above + below : `${above} ${below}`;
}
