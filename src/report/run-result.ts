export type { RunResult } from '../suite/run-result.ts';
