// IsoDate is deliberately not re-exported: ../calendar exports the same alias, and two `export *`
// of one name in the domain barrel would clash.
export { parseTimeline } from './timeline.parser';
export type {
  Milestone,
  MilestoneKind,
  Recurrence,
  TimelineParse,
  TimelineParseOptions,
  TimelineWarning,
  TimelineWarningCode,
} from './timeline.types';
