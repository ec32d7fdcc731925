import type { RunRecord } from '../../runner/run-record.ts';
import { gradeDiagnosis, type ClaimedCause, type DiagnosisGrade } from '../../scenario/grade-diagnosis.ts';
import { findEvent } from '../../timeline/event-catalog.ts';
import type { Scorecard } from '../scorecard.ts';

/**
 * The agent's diagnosis against ground truth (L2 and above): exact, partial (service only,
 * class only, right file wrong hunk), wrong or none, with AIOpsLab/ITBench-style partial credit;
 * when it came, and what it cost. From the timeline only: the answer the harness validated.
 */
export function scoreDiagnosis(record: RunRecord): Scorecard['diagnosis'] {
  const agent = record.stack.agent;
  if (!agent) return null;
  const events = record.timeline.filter((e) => e.source === 'agent');
  const triggered = findEvent(events, 'agent.triggered');
  const answered = findEvent(events, 'agent.answered');
  const failed = findEvent(events, 'agent.failed');
  const end = answered ?? failed;
  const deployAt = record.scenario.baselineMs;
  const claim = answered?.diagnosis as ClaimedCause | undefined;
  const truth = record.scenario.truth;
  const grade: DiagnosisGrade | null = truth.bad ? gradeDiagnosis(claim, truth, record.workspace.diff) : null;
  const cost: { toolCalls?: number; tokens?: number; wallMs?: number } = end ?? {};
  return {
    agent,
    status: answered ? 'answered' : failed ? 'failed' : 'not-triggered',
    ...(failed ? { failure: { kind: failed.kind, message: failed.message } } : {}),
    quality: grade ? grade.quality : 'n/a',
    score: grade ? grade.score : null,
    ...(grade ? { service: grade.service, faultClass: grade.faultClass, culprit: grade.culprit, reasons: grade.reasons } : {}),
    ...(claim ? { claimed: claim } : {}),
    timeToDiagnosisMs: answered ? answered.t - deployAt : null,
    afterDetectionMs: answered && triggered ? answered.t - triggered.t : null,
    toolCalls: cost.toolCalls ?? 0,
    ...(cost.tokens !== undefined ? { tokens: cost.tokens } : {}),
    ...(cost.wallMs !== undefined ? { wallMs: cost.wallMs } : {}),
    budgetExceeded: failed?.kind === 'budget-exceeded' || failed?.kind === 'timeout',
    replayed: record.agentMode === 'replay',
  };
}
