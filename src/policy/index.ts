export * from './classes.ts';
export { classifyProposal, type ProposalToClassify } from './classify/classify-proposal.ts';
export { CLASSIFY_RULES, MAX_PATCH_BYTES } from './classify/classify-rules.ts';
export type { ReadRepoFile } from './classify/file-review.ts';
export { createGitFileReader } from './git-file-reader.ts';
export { formatFilePatch } from './patch-text.ts';
export * from './engines/index.ts';
export * from './audit/index.ts';
export { ADVERSARY_PROPOSALS, type AdversaryContext, type AdversaryProposal } from './adversaries.ts';
