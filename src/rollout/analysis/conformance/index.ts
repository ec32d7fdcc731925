/** Conformance runner for Argo analysis case files (SEMANTICS §11). */
export { runConformanceFile, loadConformanceCases } from './run-conformance.ts';
export type { ConformanceReport } from './run-conformance.ts';
export { runConformanceCase } from './run-case.ts';
export type { CaseKind, CaseResult, ConformanceCase, Mismatch } from './case-types.ts';
export { CASE_KINDS } from './case-types.ts';
