import type { TtdBreakdown } from './ttd-breakdown.ts';

/**
 * The scores of one run. Every time is milliseconds from the deploy's start; `null` means the
 * thing never happened in the run ("not reached"), never 0.
 */
export interface Scorecard {
  verdict: 'pass' | 'fail';
  /** Why the verdict is what it is, one line each. */
  reasons: string[];
  bad: boolean;
  detected: boolean;
  detection: { by: string; signal: string; ttdMs: number; breakdown: TtdBreakdown | null } | null;
  /** When users first left the SLO (trailing 1-minute SLI), or null if they never did. */
  impactStartMs: number | null;
  /** DORA's Failed Deployment Recovery Time: deploy start to users back within SLO, sustained. */
  fdrtMs: number | null;
  fdrtNote: string;
  rollback: { by: string; atMs: number } | null;
  falseRollback: boolean;
  pages: number;
  falsePage: boolean;
  blastRadius: {
    badRequests: number;
    failed: number;
    slow: number;
    dropped: number;
    totalRequests: number;
    share: number;
    canaryServed: number;
    errorBudgetBurnedPercent: number;
  };
  steadyState: { before: boolean; after: boolean };
}
