/** One CARM level's criterion for a stack on a suite: whether it held, and the numbers behind it. */
export interface LevelCheck {
  level: 'L0' | 'L1' | 'L2' | 'L3' | 'L4';
  criterion: string;
  holds: boolean;
  /** `aborted 9/10 bad deploys; false rollbacks 0/10 controls`. */
  numbers: string;
}

export type DoraTier = 'elite' | 'high' | 'medium' | 'low';

/**
 * DORA's stability pair on the suite's deploys: FDRT (median over the bad deploys, DORA's
 * statistic) and the change failure rate, each with its tier, and the overall tier: the lower one.
 */
export interface DoraAssessment {
  /** Null when no bad deploy recovered at the median (or there was none). */
  fdrtMedianMs: number | null;
  fdrtTier: DoraTier | null;
  changeFailureRate: number;
  cfrTier: DoraTier;
  tier: DoraTier;
  deploys: number;
  failedChanges: number;
}

/** The CARM level a stack reached on a suite: the highest level whose criteria (and all below) hold. */
export interface StackMaturity {
  stack: string;
  /** The level its stack file declares. */
  declared: string;
  /** `none` when even L0's criteria fail; `n/a` without a bad deploy to judge by. */
  reached: 'none' | 'n/a' | LevelCheck['level'];
  checks: LevelCheck[];
  dora: DoraAssessment;
  badDeploys: number;
  controls: number;
}
