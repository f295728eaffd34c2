import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { foldForSearch } from '../text/fold';
import { AppendixReadError, type AppendixIssue, type AppendixWarningCode, type GridRow, type RawAppendix } from './appendix.types';
import { assembleAppendix } from './appendix-assembler';
import { cleanCellText } from './cell-text.util';
import { isHeaderRow } from './header-mapper';

/** A node of fast-xml-parser's `preserveOrder` output: one tag key holding the children, plus `:@` attributes. */
type XmlNode = Record<string, unknown>;

type BodyBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; index: number; rows: GridRow[]; gridColumns: number; cellTexts: string[] };

const APPENDIX_HEADING = /^phu luc\b/;
/** The header can sit under a few title rows inside the table itself. */
const HEADER_SEARCH_ROWS = 6;
// Revision marks, field codes and the legacy copy of drawings would duplicate or resurrect text.
const SKIPPED_ELEMENTS = new Set(['w:del', 'w:delText', 'w:instrText', 'mc:Fallback', 'w:pPr', 'w:rPr', 'w:tcPr', 'w:trPr', 'w:tblPr']);
/** Wrappers (content controls, custom XML) whose content belongs to the enclosing level. */
const TRANSPARENT_WRAPPERS = new Set(['w:sdt', 'w:sdtContent', 'w:customXml', 'w:smartTag']);

const xmlParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Keep "1" and "01/2023" as written, and the spaces Word stores in <w:t xml:space="preserve">.
  parseTagValue: false,
  trimValues: false,
});

/**
 * Reads the appendix table of a Word plan. The appendix is the first table whose header maps; the
 * tables after it are parts of the same appendix when they repeat the header, or when only empty
 * paragraphs separate them and they have the same grid (a table the user broke with Enter).
 *
 * Vertically merged cells (w:vMerge) carry the text of the cell where the merge starts: a lead unit
 * merged over three rows leads all three tasks. In the STT column a merge means the task goes on,
 * so the row is a continuation and the merged copies are not glued again (see the assembler).
 */
export async function readDocxAppendix(file: Buffer | Uint8Array | ArrayBuffer): Promise<RawAppendix> {
  const body = await loadBody(file);
  const blocks: BodyBlock[] = [];
  collectBlocks(body, blocks, { tables: 0 });

  const first = blocks.findIndex((block) => block.kind === 'table' && hasHeader(block.rows));
  const precedingText = blocks
    .slice(0, first < 0 ? blocks.length : first)
    .flatMap((block) => (block.kind === 'paragraph' ? [block.text] : block.cellTexts))
    .filter((text) => text !== '');
  if (first < 0) {
    const appendix = assembleAppendix([]);
    return { ...appendix, precedingText };
  }

  const { grid, nextIndex } = appendixGrid(blocks, first);
  const appendix = assembleAppendix(grid);
  const warnings: AppendixIssue<AppendixWarningCode>[] = [...appendix.warnings];
  const other = blocks.slice(nextIndex).find((block) => block.kind === 'table' && hasHeader(block.rows));
  if (other && other.kind === 'table') {
    warnings.push({
      code: 'OTHER_TABLE_IGNORED',
      message: `Tài liệu còn một bảng có dạng phụ lục (bảng ${other.index}) chưa được đọc; chỉ bảng phụ lục đầu tiên được nhập.`,
      source: { table: other.index },
    });
  }
  return { ...appendix, warnings, precedingText: [...precedingText, ...appendix.precedingText] };
}

async function loadBody(file: Buffer | Uint8Array | ArrayBuffer): Promise<XmlNode[]> {
  let xml: string | undefined;
  try {
    const zip = await JSZip.loadAsync(file);
    xml = await zip.file('word/document.xml')?.async('string');
  } catch (cause) {
    throw new AppendixReadError('UNREADABLE_FILE', 'Không mở được tệp Word (.docx): tệp hỏng hoặc không đúng định dạng.', {
      cause,
    });
  }
  if (xml === undefined) {
    throw new AppendixReadError('UNREADABLE_FILE', 'Tệp không phải tài liệu Word (.docx): thiếu word/document.xml.');
  }
  const document = findChild(xmlParser.parse(xml) as XmlNode[], 'w:document');
  const body = document && findChild(childrenOf(document), 'w:body');
  if (!body) throw new AppendixReadError('UNREADABLE_FILE', 'Tài liệu Word không có phần nội dung (w:body).');
  return childrenOf(body);
}

/** The appendix rows: the first table, the parts that continue it, and the paragraphs right under it. */
function appendixGrid(blocks: readonly BodyBlock[], first: number): { grid: GridRow[]; nextIndex: number } {
  const firstTable = blocks[first] as Extract<BodyBlock, { kind: 'table' }>;
  const grid: GridRow[] = [...firstTable.rows];
  let gridColumns = firstTable.gridColumns;
  let between: GridRow[] = [];
  let i = first + 1;
  for (; i < blocks.length; i++) {
    const block = blocks[i];
    if (block.kind === 'paragraph') {
      if (!block.text) continue;
      if (APPENDIX_HEADING.test(foldForSearch(block.text))) break;
      between.push({ cells: [block.text], source: { table: firstTable.index }, freeText: true });
      continue;
    }
    const continuesTable = hasHeader(block.rows) || (between.length === 0 && block.gridColumns === gridColumns);
    if (!continuesTable) break;
    grid.push(...between, ...block.rows);
    between = [];
    gridColumns = block.gridColumns;
  }
  // Paragraphs under the last part may hold the footer ("Tổng cộng: …"); the assembler reads only that.
  grid.push(...between);
  return { grid, nextIndex: i };
}

function hasHeader(rows: readonly GridRow[]): boolean {
  return rows.slice(0, HEADER_SEARCH_ROWS).some((row) => isHeaderRow(row.cells));
}

function collectBlocks(nodes: readonly XmlNode[], out: BodyBlock[], counter: { tables: number }): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === 'w:p') {
      out.push({ kind: 'paragraph', text: cleanCellText(textOf(childrenOf(node))) });
    } else if (tag === 'w:tbl') {
      counter.tables++;
      out.push(readTable(node, counter.tables));
    } else if (tag && TRANSPARENT_WRAPPERS.has(tag)) {
      collectBlocks(childrenOf(node), out, counter);
    }
  }
}

function readTable(table: XmlNode, index: number): Extract<BodyBlock, { kind: 'table' }> {
  const children = childrenOf(table);
  const grid = findChild(children, 'w:tblGrid');
  const gridColumns = grid ? childrenOf(grid).filter((n) => tagOf(n) === 'w:gridCol').length : 0;
  // Text of the cell where each vertical merge started, by grid column.
  const mergeStarts = new Map<number, string>();
  const rows: GridRow[] = [];
  const cellTexts: string[] = [];

  flatten(children, 'w:tr').forEach((tr, r) => {
    const trChildren = childrenOf(tr);
    const trPr = findChild(trChildren, 'w:trPr');
    let column = Number(attrOf(trPr && findChild(childrenOf(trPr), 'w:gridBefore'), 'w:val') ?? 0);
    const cells: string[] = Array<string>(column).fill('');
    const mergedFromAbove: boolean[] = Array<boolean>(column).fill(false);
    const tcs = flatten(trChildren, 'w:tc');
    let widestSpan = 0;
    for (const tc of tcs) {
      const tcChildren = childrenOf(tc);
      const tcPr = findChild(tcChildren, 'w:tcPr');
      const props = tcPr ? childrenOf(tcPr) : [];
      const span = Math.max(1, Number(attrOf(findChild(props, 'w:gridSpan'), 'w:val') ?? 1));
      const vMerge = findChild(props, 'w:vMerge');
      let text = cleanCellText(textOf(tcChildren));
      let merged = false;
      if (vMerge && attrOf(vMerge, 'w:val') !== 'restart') {
        text = mergeStarts.get(column) ?? '';
        merged = true;
      } else if (vMerge) {
        mergeStarts.set(column, text);
      } else {
        mergeStarts.delete(column);
      }
      if (!merged && text) cellTexts.push(text);
      for (let k = 0; k < span; k++) {
        cells[column + k] = k === 0 ? text : '';
        mergedFromAbove[column + k] = merged;
        if (k > 0) mergeStarts.delete(column + k);
      }
      column += span;
      widestSpan = Math.max(widestSpan, span);
    }
    rows.push({
      cells,
      mergedFromAbove,
      source: { table: index, row: r + 1 },
      // A lone cell stretched over several grid columns is a section (or footer) row.
      spansAllColumns: tcs.length === 1 && widestSpan > 1,
    });
  });
  return { kind: 'table', index, rows, gridColumns, cellTexts };
}

/** Text of a run of content; paragraphs, tabs and line breaks inside a cell become spaces. */
function textOf(nodes: readonly XmlNode[]): string {
  const parts: string[] = [];
  const walk = (list: readonly XmlNode[]) => {
    for (const node of list) {
      const tag = tagOf(node);
      if (!tag || SKIPPED_ELEMENTS.has(tag)) continue;
      if (tag === 'w:t') {
        for (const text of childrenOf(node)) parts.push(String(text['#text'] ?? ''));
      } else if (tag === 'w:tab' || tag === 'w:br' || tag === 'w:cr') {
        parts.push(' ');
      } else if (tag === 'w:noBreakHyphen') {
        parts.push('-');
      } else {
        walk(childrenOf(node));
        if (tag === 'w:p') parts.push(' ');
      }
    }
  };
  walk(nodes);
  return parts.join('');
}

/** Elements named `tag` among `nodes`, looking through content-control and custom-XML wrappers. */
function flatten(nodes: readonly XmlNode[], tag: string): XmlNode[] {
  return nodes.flatMap((node) => {
    const nodeTag = tagOf(node);
    if (nodeTag === tag) return [node];
    return nodeTag && TRANSPARENT_WRAPPERS.has(nodeTag) ? flatten(childrenOf(node), tag) : [];
  });
}

function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@');
}

function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const children = tag ? node[tag] : undefined;
  return Array.isArray(children) ? (children as XmlNode[]) : [];
}

function findChild(nodes: readonly XmlNode[], tag: string): XmlNode | undefined {
  return nodes.find((node) => tagOf(node) === tag);
}

function attrOf(node: XmlNode | undefined, name: string): string | undefined {
  const attributes = node?.[':@'] as Record<string, string> | undefined;
  return attributes?.[name];
}
