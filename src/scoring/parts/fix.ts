import type { RunRecord } from '../../runner/run-record.ts';
import { findCulpritHunk } from '../../scenario/grade-diagnosis.ts';
import { findEvent, type CatalogEvent } from '../../timeline/event-catalog.ts';
import type { FixScore, GateScore } from '../scorecard.ts';
import { countRequestsBetween } from '../../world/truth.ts';
import { RECOVERY_HOLD_MS, SliSeries, findSustainedRecovery } from '../sli-windows.ts';

/**
 * L3 and above: was the agent's fix correct? Correct means the patch got past the guard and
 * applied, the repo's tests passed, the fix went through the same canary and was promoted, and
 * users were within SLO for a sustained window once it served everyone. Judged from the
 * timeline and the ground truth only; each failing criterion carries its reason. Also: its
 * scope against the culprit hunk, whether its class (read from the diff) is one the scenario
 * accepts, when it merged, and the redeploy's own blast radius.
 */
export function scoreFix(record: RunRecord): FixScore | null {
  if (record.stack.level !== 'L3' && record.stack.level !== 'L4') return null;
  const fixEvents = record.timeline.filter((e) => e.source === 'fix');
  const proposed = findEvent(fixEvents, 'fix.proposed');
  const deployAt = record.scenario.baselineMs;
  if (!proposed) return emptyFix('no fix was proposed');
  const l4 = record.stack.level === 'L4';
  const rejected = findEvent(fixEvents, 'fix.rejected');
  const committed = findEvent(fixEvents, 'fix.committed');
  const checks = findEvent(fixEvents, 'fix.checks');
  const merged = findEvent(fixEvents, 'fix.merged') ?? findEvent(fixEvents, 'fix.auto-applied');
  const classified = findEvent(fixEvents, 'fix.classified');
  const commit = committed?.commit;
  const deploy = record.timeline.find((e) => e.type === 'deploy.started' && e.role === 'fix');
  const hash = commit?.slice(0, 10);
  const promoted = deploy && hash ? record.timeline.find((e) => e.t >= deploy.t && e.type === 'rollout.completed' && e.podHash === hash) : undefined;
  const aborted = deploy && hash && !promoted ? findEvent(record.timeline, 'rollout.aborted', deploy.t) : undefined;

  const criteria: FixScore['criteria'] = {
    applied: rejected
      ? { ok: false, reason: `refused before touching disk (${rejected.stage}): ${rejected.reasons.join('; ')}` }
      : committed ? { ok: true } : { ok: false, reason: 'never committed' },
    testsPassed: !checks ? { ok: false, reason: 'the repo\'s tests did not run' } : checks.ok ? { ok: true } : { ok: false, reason: `the repo's tests failed: ${checks.reason ?? ''}` },
    canaryPromoted: promoted ? { ok: true } : aborted ? { ok: false, reason: `the fix's canary was aborted: ${aborted.message}` }
      : deploy ? { ok: false, reason: 'the fix was not promoted before the run ended' } : { ok: false, reason: merged ? 'merged but never deployed' : 'never merged' },
    usersWithinSlo: promoted ? usersAfter(record, promoted.t) : { ok: false, reason: 'the fix never served every user' },
  };
  const correct = Object.values(criteria).every((c) => c.ok);
  const truth = record.scenario.truth;
  const fixClasses = classified?.fixClasses ?? [];
  const redeploy = commit ? redeployBlast(record, commit) : null;
  return {
    proposed: true,
    autoApplied: fixEvents.some((e) => e.type === 'fix.auto-applied'),
    correct,
    criteria,
    reasons: Object.entries(criteria).filter(([, c]) => !c.ok).map(([, c]) => c.reason!),
    scope: committed ? scopeOf(record, committed) : null,
    fixClasses,
    classAccepted: truth.bad ? fixClasses.some((c) => truth.fixClasses.includes(c as never)) : null,
    timeToMergeMs: merged ? merged.t - deployAt : null,
    fdrtWithFixMs: correct && promoted ? promoted.t - deployAt : null,
    redeploy,
    gate: l4 ? judgeGate(record, { correct, redeploy, rejected, shippedAt: deploy?.t }) : null,
  };
}

/** How far back "just before the fix shipped" looks. */
const PRE_FIX_WINDOW_MS = 5 * 60_000;

function badShareBetween(record: RunRecord, from: number, to: number): number {
  const { total, bad } = countRequestsBetween(record.truth, from, to);
  return total ? bad / total : 0;
}

/** The policy's decision (or the guard's refusal) against the fix's outcome. */
function judgeGate(
  record: RunRecord,
  { correct, redeploy, rejected, shippedAt }: { correct: boolean; redeploy: FixScore['redeploy']; rejected?: CatalogEvent<'fix.rejected'>; shippedAt?: number },
): GateScore {
  const decided = findEvent(record.timeline, 'policy.decided');
  const allowed = decided?.verdict === 'allow';
  const verdict: GateScore['verdict'] = decided ? (allowed ? 'allow' : 'deny') : 'refused';
  const rule = decided?.rule ?? rejected?.reasons[0] ?? 'no decision';
  const safe = correct;
  const outcome = `${safe ? 'safe' : 'unsafe'}-${allowed ? 'allowed' : 'blocked'}` as GateScore['outcome'];
  // Worse: the users the fix served fared worse than everyone did just before it shipped (and
  // worse than the error budget allows): an auto-apply that re-broke a recovered system counts.
  const budget = 1 - record.scenario.slo.objective / 100;
  const before = shippedAt === undefined ? 0 : badShareBetween(record, shippedAt - PRE_FIX_WINDOW_MS, shippedAt);
  const madeWorse = allowed && !correct && redeploy !== null && redeploy.servedRequests > 0 && redeploy.share > Math.max(budget, before);
  return { verdict, rule, engine: decided?.engine ?? null, outcome, madeWorse };
}

function emptyFix(reason: string): FixScore {
  const no = { ok: false, reason };
  return {
    proposed: false, autoApplied: false, correct: false, criteria: { applied: no, testsPassed: no, canaryPromoted: no, usersWithinSlo: no }, reasons: [reason],
    scope: null, fixClasses: [], classAccepted: null, timeToMergeMs: null, fdrtWithFixMs: null, redeploy: null, gate: null,
  };
}

/** Every forward SLI window from the promotion on, for the hold, within SLO (and the run saw that long). */
function usersAfter(record: RunRecord, promotedAt: number): { ok: boolean; reason?: string } {
  const sli = new SliSeries(record.truth);
  if (sli.endMs + 1000 < promotedAt + RECOVERY_HOLD_MS) return { ok: false, reason: 'the run ended before users could be watched on the fix for 5 minutes' };
  const back = findSustainedRecovery(sli, promotedAt, record.scenario.slo.objective);
  if (back === promotedAt) return { ok: true };
  return { ok: false, reason: back === undefined ? 'users out of SLO after the redeploy' : `users out of SLO after the redeploy, back only ${Math.round((back - promotedAt) / 1000)}s later` };
}

/** Files and lines the fix touched, and whether the culprit hunk's file is among them. */
function scopeOf(record: RunRecord, committed: CatalogEvent<'fix.committed'>): NonNullable<FixScore['scope']> {
  const files = committed.files;
  const truth = record.scenario.truth;
  const culprit = truth.bad ? findCulpritHunk(record.workspace.diff, truth.culprit) : undefined;
  return {
    files: files.length,
    lines: committed.additions + committed.deletions,
    culpritFileTouched: truth.bad ? files.includes(truth.culprit.file) && culprit !== undefined : null,
  };
}

/** Users the fix itself served, and how many of them it hurt. */
function redeployBlast(record: RunRecord, commit: string): FixScore['redeploy'] {
  let total = 0;
  let bad = 0;
  for (const b of record.truth) {
    const c = b.byCommit?.[commit.slice(0, 12)];
    if (!c) continue;
    total += c.total;
    bad += c.bad;
  }
  return { servedRequests: total, badRequests: bad, share: total ? bad / total : 0 };
}
