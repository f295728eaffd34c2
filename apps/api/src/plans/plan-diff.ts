import { foldForSearch } from '@app/domain';

/**
 * What a changed plan file would change in a stored plan, row by row. Rows are identified by their
 * key (section and STT, the key of their workflow id), but a row that moved (a row inserted or
 * removed above it renumbers it) is recognized by its title, so that renumbering is never mistaken
 * for "every row below changed" and never makes a row's content land on another row's task.
 * Pure: the caller loads the stored rows and decides what to apply.
 */

export const DIFF_FIELDS = ['title', 'lead', 'coordinating', 'timeline'] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

/** A row as compared: the cells as written ("Văn phòng Sở, Phòng CCVC"). */
export interface PlanRowContent {
  /** "II.3": section code and STT. */
  rowKey: string;
  title: string;
  lead: string;
  coordinating: string;
  timeline: string;
}

export interface StoredPlanRow extends PlanRowContent {
  taskId: string;
  state: string;
  statusWord: string;
}

export interface FieldChange {
  field: DiffField;
  before: string;
  after: string;
}

export interface ChangedRow {
  rowKey: string;
  taskId: string;
  /** The stored title (what people know the task by). */
  title: string;
  changes: FieldChange[];
}

export interface MovedRow {
  /** Stored key (the task's workflow id keeps it). */
  from: string;
  /** Key in the new file. */
  to: string;
  taskId: string;
  title: string;
  changes: FieldChange[];
}

export interface AddedRow extends PlanRowContent {
  /**
   * false: the row's key already belongs to a stored task (rows were renumbered), so it cannot get
   * a workflow id of its own; it is not imported and a person adds it by hand.
   */
  importable: boolean;
}

export interface PlanDiff {
  /** Same key, same content. */
  unchanged: string[];
  added: AddedRow[];
  /** Stored rows the file no longer has: they keep running until a person cancels them. */
  removed: StoredPlanRow[];
  /** Same key, other content. */
  changed: ChangedRow[];
  /** Same title under another key. */
  moved: MovedRow[];
}

/** Whitespace and Unicode form do not make a change. */
function normalize(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function changesOf(before: PlanRowContent, after: PlanRowContent): FieldChange[] {
  return DIFF_FIELDS.filter((f) => normalize(before[f]) !== normalize(after[f])).map((field) => ({
    field,
    before: before[field],
    after: after[field],
  }));
}

export function diffPlanRows(stored: readonly StoredPlanRow[], incoming: readonly PlanRowContent[]): PlanDiff {
  const storedByKey = new Map(stored.map((row) => [row.rowKey, row]));
  const usedStored = new Set<StoredPlanRow>();
  const pairs: Array<{ stored: StoredPlanRow; row: PlanRowContent }> = [];
  const moved: MovedRow[] = [];
  let rest: PlanRowContent[] = [];

  // 1. Same key, same title: the same row (perhaps with other cells changed).
  for (const row of incoming) {
    const candidate = storedByKey.get(row.rowKey);
    if (candidate && !usedStored.has(candidate) && normalize(candidate.title) === normalize(row.title)) {
      usedStored.add(candidate);
      pairs.push({ stored: candidate, row });
    } else rest.push(row);
  }

  // 2. Same title under another key, when the title is unambiguous on both sides: a renumbered row.
  const count = (rows: Iterable<{ title: string }>) => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(foldForSearch(r.title), (counts.get(foldForSearch(r.title)) ?? 0) + 1);
    return counts;
  };
  const freeStored = stored.filter((row) => !usedStored.has(row));
  const storedTitles = count(freeStored);
  const incomingTitles = count(rest);
  const unmatched: PlanRowContent[] = [];
  for (const row of rest) {
    const title = foldForSearch(row.title);
    const candidate = storedTitles.get(title) === 1 && incomingTitles.get(title) === 1 ? freeStored.find((s) => foldForSearch(s.title) === title) : undefined;
    if (candidate && !usedStored.has(candidate)) {
      usedStored.add(candidate);
      moved.push({ from: candidate.rowKey, to: row.rowKey, taskId: candidate.taskId, title: candidate.title, changes: changesOf(candidate, row) });
    } else unmatched.push(row);
  }
  rest = unmatched;

  // 3. Same key, another title, and neither matched elsewhere: the row's title was edited.
  const added: AddedRow[] = [];
  for (const row of rest) {
    const candidate = storedByKey.get(row.rowKey);
    if (candidate && !usedStored.has(candidate)) {
      usedStored.add(candidate);
      pairs.push({ stored: candidate, row });
    } else added.push({ ...row, importable: !storedByKey.has(row.rowKey) });
  }

  const unchanged: string[] = [];
  const changed: ChangedRow[] = [];
  const order = new Map(incoming.map((row, i) => [row, i]));
  pairs.sort((a, b) => order.get(a.row)! - order.get(b.row)!);
  for (const { stored: before, row } of pairs) {
    const changes = changesOf(before, row);
    if (changes.length) changed.push({ rowKey: before.rowKey, taskId: before.taskId, title: before.title, changes });
    else unchanged.push(before.rowKey);
  }
  return { unchanged, added, removed: stored.filter((row) => !usedStored.has(row)), changed, moved };
}
