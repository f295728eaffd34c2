export { extractProseCandidates } from './prose-candidates.extractor';
export type {
  ProseCandidate,
  ProseCandidateConfidence,
  ProseCandidateKind,
  ProseCandidateOptions,
} from './prose-candidates.types';
export { proposeProseCandidates } from './prose-proposals';
export type { AppendixReference, ProseProposal, ProseProposalOptions, ProseSource, ProseTaskCandidate, ProseTaskKind } from './prose-proposals';
export { proseTimelineOf, readEditedTimeline } from './prose-timeline';
export type { ProseTimeline } from './prose-timeline';
export { candidateTaskRows, proseReadingOf, proseReadingOfFile, PROSE_SECTION, withSeparateAppendix } from './prose-tasks';
export type { CandidateChoice, CandidateProblem, CandidateProblemCode } from './prose-tasks';
