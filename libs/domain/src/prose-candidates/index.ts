export { extractProseCandidates } from './prose-candidates.extractor';
export type {
  ProseCandidate,
  ProseCandidateConfidence,
  ProseCandidateKind,
  ProseCandidateOptions,
} from './prose-candidates.types';
