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
  /** L2 and above: the agent's diagnosis, graded against ground truth; null without an agent. */
  diagnosis: DiagnosisScore | null;
}

export interface DiagnosisScore {
  agent: string;
  status: 'answered' | 'failed' | 'not-triggered';
  failure?: { kind: string; message: string };
  /** n/a: a good deploy has no cause to find. */
  quality: 'exact' | 'partial' | 'wrong' | 'none' | 'n/a';
  /** 0..1 (a third each: service, fault class, culprit hunk); null on a good deploy. */
  score: number | null;
  service?: boolean;
  faultClass?: boolean;
  culprit?: 'hunk' | 'file' | 'wrong' | 'none';
  reasons?: string[];
  claimed?: { service: string; faultClass: string; culprit?: { file: string; line?: number; text?: string } };
  /** From the deploy's start. */
  timeToDiagnosisMs: number | null;
  /** From the detection signal that triggered the agent. */
  afterDetectionMs: number | null;
  toolCalls: number;
  tokens?: number;
  wallMs?: number;
  /** Cut off: wall time, tool calls or tokens past the stack's budget. */
  budgetExceeded: boolean;
  /** The answer came from a recording (--agent-replay), not a live agent. */
  replayed: boolean;
}
