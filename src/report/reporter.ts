import type { TimelineEvent } from '../timeline/events.ts';
import type { RunResult } from './run-result.ts';

export interface RunInfo {
  runId: string;
  scenario: string;
  stack: string;
  backend: string;
  seed: number;
}

/**
 * vitest's shape: every hook is optional, a reporter implements the ones it needs.
 * Reporters are chosen by name from REPORTERS (report/index.ts).
 */
export interface Reporter {
  onRunStart?(info: RunInfo): void | Promise<void>;
  onEvent?(event: TimelineEvent): void;
  onRunEnd?(result: RunResult, dir: string): void | Promise<void>;
  /** The run stopped before it finished (interrupted, or a process failed): nothing to score. */
  onRunFailed?(info: RunInfo, error: unknown, dir: string): void | Promise<void>;
  onSuiteEnd?(results: RunResult[]): void | Promise<void>;
}
