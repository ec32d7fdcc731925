import { ConsoleReporter } from './console-reporter.ts';
import { FilesReporter } from './files-reporter.ts';
import type { Reporter } from './reporter.ts';

/** Reporters by name (vitest's pattern): `--reporter console --reporter files`. */
export const REPORTERS: Record<string, () => Reporter> = {
  console: () => new ConsoleReporter(),
  files: () => new FilesReporter(),
};

export type { Reporter, RunInfo } from './reporter.ts';
export type { RunResult } from './run-result.ts';
export { ConsoleReporter, FilesReporter };
export { formatTime, doraTier } from './format.ts';
