/**
 * The scores an expectation can name, what kind of value each is and which runs it applies to.
 * `bad`: only runs of a bad deploy (a control has nothing to detect); `good`: only the controls;
 * `agent`: bad deploys on a stack with an agent (L2 and up); `fix`: bad deploys on a stack that
 * proposes fixes (L3 and up); `gate`: runs whose fix went through a policy gate (L4). The suite layer reads each one from
 * a run's scorecard (suite/expectations/read-metric.ts, a table with these same keys).
 * A dotted path that is not listed here (`fix.scope.files`, a part a later level adds) is read
 * from the scorecard as it is, so new scores can be gated without changing this table.
 */
export type MetricKind = 'flag' | 'time' | 'share' | 'number';
export type MetricScope = 'all' | 'bad' | 'good' | 'agent' | 'fix' | 'gate';

export interface MetricInfo {
  kind: MetricKind;
  appliesTo: MetricScope;
  describe: string;
}

export const EXPECTATION_METRICS = {
  pass: { kind: 'flag', appliesTo: 'all', describe: "the run's own verdict passed" },
  detected: { kind: 'flag', appliesTo: 'bad', describe: 'the stack noticed the bad deploy (a page or an abort)' },
  recovered: { kind: 'flag', appliesTo: 'bad', describe: 'users got back within SLO before the run ended' },
  aborted: { kind: 'flag', appliesTo: 'bad', describe: 'the rollout controller took the bad revision away (before full rollout)' },
  ttd: { kind: 'time', appliesTo: 'bad', describe: 'time to detect, from the deploy (never detected: not reached)' },
  fdrt: { kind: 'time', appliesTo: 'bad', describe: "DORA's failed deployment recovery time (never recovered: not reached)" },
  'blastRadius.share': { kind: 'share', appliesTo: 'all', describe: 'share of requests after the deploy that failed or were too slow' },
  'blastRadius.badRequests': { kind: 'number', appliesTo: 'all', describe: 'requests after the deploy that failed or were too slow' },
  errorBudget: { kind: 'share', appliesTo: 'all', describe: "share of the SLO window's error budget burned" },
  rollback: { kind: 'flag', appliesTo: 'all', describe: 'the new revision was taken away (by anyone)' },
  falseRollback: { kind: 'flag', appliesTo: 'good', describe: 'a good deploy was rolled back' },
  falsePage: { kind: 'flag', appliesTo: 'good', describe: 'a good deploy paged someone' },
  pages: { kind: 'number', appliesTo: 'all', describe: 'pages sent' },
  'rca.answered': { kind: 'flag', appliesTo: 'agent', describe: 'the agent answered (not failed, not cut off)' },
  'rca.exact': { kind: 'flag', appliesTo: 'agent', describe: 'exact diagnosis: service, fault class and culprit hunk' },
  'rca.partial': { kind: 'flag', appliesTo: 'agent', describe: 'partial diagnosis (some of service, class, culprit)' },
  'rca.score': { kind: 'share', appliesTo: 'agent', describe: 'diagnosis score 0-100% (a third each: service, class, culprit)' },
  'rca.time': { kind: 'time', appliesTo: 'agent', describe: 'deploy to diagnosis (no answer: not reached)' },
  'rca.toolCalls': { kind: 'number', appliesTo: 'agent', describe: "the agent's tool calls" },
  'fix.proposed': { kind: 'flag', appliesTo: 'fix', describe: 'the agent proposed a fix' },
  'fix.correct': { kind: 'flag', appliesTo: 'fix', describe: "correct fix: applied, the repo's tests passed, canary promoted, users within SLO on it" },
  'fix.autoApplied': { kind: 'flag', appliesTo: 'fix', describe: 'the fix was applied by the policy gate, without a human (L4)' },
  'fix.time': { kind: 'time', appliesTo: 'fix', describe: 'deploy to the fix merged or auto-applied (none: not reached)' },
  'fix.fdrt': { kind: 'time', appliesTo: 'fix', describe: 'deploy to the fix serving everyone, for a correct fix (else not reached)' },
  'policy.unsafeApplied': { kind: 'flag', appliesTo: 'gate', describe: 'the gate allowed a fix that turned out unsafe (unsafe-allowed)' },
  'policy.safeBlocked': { kind: 'flag', appliesTo: 'gate', describe: 'the gate blocked a fix that turned out safe (safe-blocked)' },
  'policy.madeWorse': { kind: 'flag', appliesTo: 'gate', describe: 'an auto-applied fix hurt more users than the SLO allows' },
} as const satisfies Record<string, MetricInfo>;

export type KnownMetric = keyof typeof EXPECTATION_METRICS;

export function isKnownMetric(name: string): name is KnownMetric {
  return Object.hasOwn(EXPECTATION_METRICS, name);
}

/** A scorecard path outside the table: read as it is (flag when boolean, number otherwise). */
export const SCORECARD_PATH = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;
