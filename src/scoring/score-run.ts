import type { RunRecord } from '../runner/run-record.ts';
import { judgeRun } from './judge-run.ts';
import { scoreBlastRadius } from './parts/blast-radius.ts';
import { scoreDetection } from './parts/detection.ts';
import { scoreDiagnosis } from './parts/diagnosis.ts';
import { scoreFix } from './parts/fix.ts';
import { scoreRecovery } from './parts/recovery.ts';
import { scoreSteadyState } from './parts/steady-state.ts';
import type { Scorecard } from './scorecard.ts';

/**
 * Scores one run from the scenario's ground truth, the world's per-request outcomes and the
 * timeline, never from the stack's own metrics or claims. Each part is a small scorer over the
 * run record (detection, recovery, blast radius, controls, steady state); the verdict is judged
 * from their results.
 */
export function scoreRun(record: RunRecord): Scorecard {
  const bad = record.scenario.truth.bad;
  const { detection, rollback, rollbackEvent, pages } = scoreDetection(record);
  const recovery = scoreRecovery(record, rollbackEvent);
  const parts = {
    bad,
    detected: detection !== null,
    detection,
    ...recovery,
    rollback,
    // Controls: on a good deploy, any rollback or page is a false alarm.
    falseRollback: !bad && rollback !== null,
    pages,
    falsePage: !bad && pages > 0,
    blastRadius: scoreBlastRadius(record),
    steadyState: scoreSteadyState(record),
    diagnosis: scoreDiagnosis(record),
    fix: scoreFix(record),
  };
  return { ...judgeRun(parts), ...parts };
}
