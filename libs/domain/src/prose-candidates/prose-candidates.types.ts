/**
 * A task proposed from the prose of a plan (PLAN_FORMAT.md, "Prose plans"). It is a draft: a person
 * edits and confirms it before anything runs, so every candidate carries the sentence it was read
 * from and nothing here is resolved to unit codes or schedules yet.
 *
 * - `responsibility`: a duty assigned in the "Tổ chức thực hiện" section ("Phòng Tư pháp … Chủ trì,
 *   phối hợp với … thực hiện …").
 * - `dated-obligation`: a sentence that fixes a date ("Báo cáo CCHC quý I năm 2024: trước ngày
 *   14/3/2024", "gửi về UBND thành phố … trước ngày 20/01/2024"), wherever it stands in the plan.
 */
export type ProseCandidateKind = 'responsibility' | 'dated-obligation';

/**
 * `high`: the sentence names who leads (heading or subject) and the pattern was read with certainty
 * (an explicit "Chủ trì", or a date that parsed inside the plan's years). `medium`: plausible, but a
 * person should look twice (no lead found, a generic duty, a date without a year or outside the plan).
 */
export type ProseCandidateConfidence = 'high' | 'medium';

export interface ProseCandidate {
  kind: ProseCandidateKind;
  /** Short imperative title derived from the sentence, e.g. "Báo cáo CCHC quý I năm 2024". */
  title: string;
  /** The responsible unit phrase as written ("Phòng Tư pháp thành phố"); null when the text names none. */
  leadText: string | null;
  /** The "phối hợp với …" phrase as written ("các cơ quan có liên quan"); null when there is none. */
  coordinatingText: string | null;
  /** Deadline as an ISO date (`YYYY-MM-DD`); null when no date could be read with certainty. */
  due: string | null;
  /** The date expression as written ("trước ngày 14/3/2024"); null for responsibilities without one. */
  timelineText: string | null;
  /** The sentence the candidate came from, in the plan's wording (Markdown markers removed, whitespace tidied). */
  sourceSentence: string;
  /** 1-based line of the input where the sentence starts. */
  sourceLine: number;
  /** The heading the sentence sits under as written ("IV. TỔ CHỨC THỰC HIỆN", "2. Phòng Nội vụ thành phố"). */
  section: string | null;
  confidence: ProseCandidateConfidence;
}

export interface ProseCandidateOptions {
  /** Year of the plan; fills in a date written without a year. */
  planYear: number;
  /** Last year of a multi-year plan (e.g. 2025 for 2022–2025); defaults to `planYear`. */
  planEndYear?: number;
}
