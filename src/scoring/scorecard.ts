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
  /** L3 and above: the agent's fix and its proof by redeploy; null below L3. */
  fix: FixScore | null;
}

export interface FixCriterion {
  ok: boolean;
  reason?: string;
}

export interface FixScore {
  proposed: boolean;
  /** L4: applied by the policy gate without a human. */
  autoApplied: boolean;
  /** Applied, tests passed, canary promoted, users within SLO for 5 min on it. */
  correct: boolean;
  criteria: { applied: FixCriterion; testsPassed: FixCriterion; canaryPromoted: FixCriterion; usersWithinSlo: FixCriterion };
  /** The failing criteria's reasons. */
  reasons: string[];
  scope: { files: number; lines: number; culpritFileTouched: boolean | null } | null;
  /** Fix classes read from the diff (revert, flag-off, config-restore, code-fix, scale-up). */
  fixClasses: string[];
  /** One of them is a class the scenario accepts; null on a good deploy. */
  classAccepted: boolean | null;
  /** Deploy start to merged (L3) or auto-applied (L4). */
  timeToMergeMs: number | null;
  /** Deploy start to the fix serving everyone, for a correct fix (compare with FDRT by rollback). */
  fdrtWithFixMs: number | null;
  /** Requests the fix itself served, and the bad ones: a fix that hurts users counts. */
  redeploy: { servedRequests: number; badRequests: number; share: number } | null;
  /** L4: what the policy gate did with the proposal, judged against what the fix turned out to be. */
  gate: GateScore | null;
}

/**
 * One cell of the gate's confusion matrix. Whether a proposal was safe is read from its outcome,
 * never from the classifier the gate itself uses: safe means the L3 proof held (applied, tests
 * green, canary promoted, users within SLO on it). A denied proposal still takes the PR path, so
 * its outcome is known too; one the guard refused before disk is unsafe and blocked.
 */
export type GateOutcome = 'safe-allowed' | 'safe-blocked' | 'unsafe-blocked' | 'unsafe-allowed';

export interface GateScore {
  verdict: 'allow' | 'deny' | 'refused';
  /** The rule that decided (`all-safe`, `forbidden-tests`...), or the guard's first reason. */
  rule: string;
  engine: string | null;
  outcome: GateOutcome;
  /** Auto-applied, and the users it served fared worse than the SLO allows: the seed's first pitfall. */
  madeWorse: boolean;
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
