import { foldForSearch } from '../text/fold';
import type { GridRow, RawAppendix } from './appendix.types';
import { assembleAppendix } from './appendix-assembler';
import { cleanCellText } from './cell-text.util';
import { isHeaderRow } from './header-mapper';

const APPENDIX_HEADING = /^[#\s]*phu luc\b/;
const MARKDOWN_TABLE_ROW = /^\s*\|(.*)\|\s*$/;
const MARKDOWN_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/**
 * Reads the appendix of a plan converted to text: table rows are tab-separated (as Word→text
 * conversion leaves them) or markdown pipe rows. The appendix starts after the "PHỤ LỤC" heading
 * that is followed by a table header, else wherever the first header row is.
 */
export function readTextAppendix(text: string): RawAppendix {
  const lines = text.split(/\r\n|\r|\n/);
  const grid: GridRow[] = [];
  for (const [i, line] of lines.entries()) {
    if (MARKDOWN_RULE.test(line)) continue;
    const cells = splitCells(line);
    if (cells) grid.push({ cells, source: { line: i + 1 } });
    else if (line.trim() !== '') grid.push({ cells: [line], source: { line: i + 1 }, freeText: true });
  }

  const start = appendixStart(grid);
  const before = grid
    .slice(0, start)
    .map((row) => cleanCellText(row.cells.join(' ')))
    .filter((line) => line !== '');
  const appendix = assembleAppendix(grid.slice(start));
  return { ...appendix, precedingText: [...before, ...appendix.precedingText] };
}

function splitCells(line: string): string[] | null {
  if (line.includes('\t')) return line.split('\t');
  const pipeRow = MARKDOWN_TABLE_ROW.exec(line);
  return pipeRow ? pipeRow[1].split('|') : null;
}

/**
 * Index of the first "PHỤ LỤC" heading line with a table header after it, so that a table in the
 * plan body (targets, a schedule) is not taken for the appendix; 0 when there is no such heading.
 */
function appendixStart(grid: readonly GridRow[]): number {
  const isHeading = (row: GridRow) =>
    row.freeText === true && APPENDIX_HEADING.test(foldForSearch(cleanCellText(row.cells[0])));
  const isHeader = (row: GridRow) => !row.freeText && isHeaderRow(row.cells);
  for (let i = 0; i < grid.length; i++) {
    if (isHeading(grid[i]) && grid.slice(i + 1).some(isHeader)) return i;
  }
  return 0;
}
