/**
 * Parsed form of the "Thời gian thực hiện" column (see PLAN_FORMAT.md, "Timeline expressions").
 *
 * Dates are ISO calendar dates (`YYYY-MM-DD`) meant in Asia/Ho_Chi_Minh. They are plain strings, not
 * `Date` objects, so a parse is JSON-safe (read model, Temporal payloads) and carries no hidden time
 * zone: a deadline is "the whole of that calendar day in Vietnam", whatever the server's zone.
 */
export type IsoDate = string;

/**
 * - `deadline`: one-off, due on `due`.
 * - `ongoing`: worked on across a window (`start`..`due`, e.g. "Cả năm") with progress reports on the
 *   plan's reporting calendar; `due` is the final deadline.
 * - `event`: waits until someone records that `trigger` happened; the workflow then sets the deadline
 *   from the event date plus the organization's window, so `due` is null here.
 * - `external`: follows a schedule owned by someone else (`trigger`, e.g. "Theo Kế hoạch của UBND
 *   tỉnh"); waits until that external date is entered, so `due` is null here.
 * - `recurring`: no single deadline; rounds at `recurrence` from `start` until `until` (plan end).
 *   With `recurrence: 'on-event'` each occurrence of `trigger` opens a new round.
 */
export type MilestoneKind = 'deadline' | 'ongoing' | 'event' | 'external' | 'recurring';

/**
 * Cadence of progress reports (ongoing) or of rounds (recurring).
 * `reporting-calendar` = the plan's own calendar of periodic reports (quarter, half-year, year; seed
 * 004 lists one), used when the text gives no cadence of its own ("Thường xuyên", "Cả năm").
 */
export type Recurrence =
  | 'reporting-calendar'
  | 'weekly'
  | 'monthly'
  | 'quarterly'
  | 'half-yearly'
  | 'yearly'
  | 'on-event';

export interface Milestone {
  /**
   * Text before ":" in "Ban hành Kế hoạch: tháng 2/2023", else ''. When one expression yields several
   * milestones ("quý II, quý III năm 2024"), each gets its period appended so an inbox can tell them apart.
   */
  label: string;
  kind: MilestoneKind;
  /**
   * Deadline (inclusive). Null when unknown until an event or an external date is recorded, and for
   * recurring rows, which have no single deadline (their end is `until`).
   */
  due: IsoDate | null;
  /** First day of the window for ongoing and recurring milestones; null for the others. */
  start: IsoDate | null;
  /** Last day progress reports or rounds run: `due` for ongoing, the plan's last day for recurring; null for the others. */
  until: IsoDate | null;
  /** The event or external schedule, verbatim as written; null for dated milestones. */
  trigger: string | null;
  /** Null for one-off milestones (deadline, event, external). */
  recurrence: Recurrence | null;
  /** The piece of the cell this milestone was read from, so a reviewer can see why. */
  source: string;
  /**
   * Recurring rows only, and only when the text fixes it ("Trước ngày 10 hằng tháng", "Trước ngày 20
   * tháng cuối quý"): the day of the month by which each round is due — that day of every month for
   * monthly rounds, that day of the quarter's last month for quarterly rounds. Absent: each round is
   * due on its period's last day, as before.
   */
  roundDay?: number;
}

export type TimelineWarningCode =
  /** Empty cell: nothing to schedule. */
  | 'TIMELINE_EMPTY'
  /** Text not understood; kept verbatim in `fragment`, no milestone invented for it. */
  | 'TIMELINE_UNPARSED'
  /** Looks like a date but cannot exist (31/02, month 13, quarter V…); no milestone invented. */
  | 'TIMELINE_INVALID_DATE'
  /** No year written, and the plan spans several years, so the year cannot be filled in. */
  | 'TIMELINE_YEAR_MISSING'
  /** Mixed or out-of-order years that only a person can settle (e.g. "tháng 12, tháng 1/2024"). */
  | 'TIMELINE_AMBIGUOUS_YEAR'
  /** Milestone kept, but its deadline falls outside the plan's years: likely a typo. */
  | 'TIMELINE_OUTSIDE_PLAN_PERIOD'
  /**
   * The time depends on something the text does not fix ("Trước Tết Nguyên đán": which Tết?, "Theo
   * quy định", "Theo chỉ đạo"): kept as an external milestone waiting for a date, never guessed.
   */
  | 'TIMELINE_NOT_FIXED'
  /** Several labelled parts whose boundary could not be found for sure; milestone kept, label doubtful. */
  | 'TIMELINE_LABEL_UNCLEAR';

export interface TimelineWarning {
  code: TimelineWarningCode;
  /** Vietnamese, shown to the person who reviews the import. */
  message: string;
  /** The text the warning is about, as written (whitespace tidied). */
  fragment: string;
}

export interface TimelineParse {
  /** The input, untouched. */
  raw: string;
  milestones: Milestone[];
  warnings: TimelineWarning[];
}

export interface TimelineParseOptions {
  /** Year of the plan; fills in a missing year. */
  planYear: number;
  /** Last year of a multi-year plan (e.g. 2025 for 2022–2025); defaults to `planYear`. */
  planEndYear?: number;
}
