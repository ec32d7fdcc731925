import { z } from 'zod';

/**
 * Every event a timeline can hold, in one table: who emits it, what it means, and its payload
 * (zod, so the types below are derived from the one definition and a test can check real
 * timelines against it strictly). The timeline refuses a type this table does not know; the
 * scorer and the reporters read payloads through `CatalogEvent<type>`.
 *
 * Payloads stay JSON-safe: numbers, strings, booleans, arrays and plain objects. Keys marked
 * optional are left out when they have no value (never written as null), except where null says
 * something (`rollout.phase.previous` before the first phase).
 */
const str = z.string();
const num = z.number();
const bool = z.boolean();
const opt = <T extends z.ZodType>(t: T) => t.optional();
const json = z.record(z.string(), z.unknown());

const rolloutBase = { rollout: str };
const message = { message: str };
const worldChange = { service: str, version: str };
const saturation = { ...worldChange, busy: num, queued: num, workers: num };
const errorShare = { ...worldChange, errorShare: num };
const steadyState = { met: bool, goodPercent: num, requests: num, objective: num };
const agentCost = { toolCalls: opt(num), tokens: opt(num), wallMs: opt(num), budgetExceeded: opt(bool) };

function event<S extends z.ZodRawShape>(sources: readonly string[], means: string, shape: S) {
  return { sources, means, payload: z.object(shape) };
}

export const EVENT_CATALOG = {
  // harness: the run itself
  'run.started': event(['harness'], 'the drill begins; what runs where', {
    scenario: str, stack: str, level: str, backend: str, seed: num, deployAtMs: num, endMs: num, agentMode: opt(str),
  }),
  'run.finished': event(['harness'], 'the drill ended normally; extended past its end while a fix was still rolling out', { extendedByMs: num }),
  'run.failed': event(['harness'], 'the drill stopped on an infrastructure error; results so far are kept', { error: str }),
  'run.interrupted': event(['harness'], 'the drill was interrupted (SIGINT, abort); results so far are kept', { error: str }),
  'steady-state.before': event(['harness'], 'the SLO held before the deploy (Chaos Toolkit\'s steady-state hypothesis)', steadyState),
  'steady-state.after': event(['harness'], 'the SLO holds again at the end of the drill', steadyState),
  'clock.held': event(['agent', 'fix', 'harness', 'policy'], 'virtual time waited for real work; the time it was charged', {
    what: str, startedAt: num, charge: str, wallMs: opt(num), chargedMs: num,
  }),

  // deploys, as the harness and the humans perform them
  'deploy.started': event(['harness'], 'a commit starts rolling out (the bad deploy, or a fix)', {
    service: str, commit: opt(str), role: opt(str), strategy: str, message: opt(str), version: opt(str), author: opt(str),
  }),
  'deploy.completed': event(['harness'], 'a rolling update finished (stacks without a Rollout)', { service: str, strategy: str }),
  'deploy.stalled': event(['harness'], 'a rolling update waits forever: the new pods never become ready', { service: str, strategy: str, reason: str }),
  'deploy.rollback-requested': event(['oncall'], 'the on-call asked for a rollback', { service: str, by: str, how: str }),
  'deploy.rolled-back': event(['oncall'], 'the deploy is rolled back by a human', { service: str, by: str, how: str }),

  // the world: what users and services see
  'world.canary.started': event(['world'], 'canary pods of a commit are up', { service: str, commit: str, role: str }),
  'world.canary.scaled-down': event(['world'], 'the canary pods are gone', { service: str }),
  'world.canary.crashed': event(['world'], 'a canary pod crashed on start and is restarted with back-off (CrashLoopBackOff)', {
    service: str, commit: str, restarts: num, reason: str, error: str,
  }),
  'world.promoted': event(['world'], 'a commit serves all traffic as the new stable', { service: str, commit: str, role: str }),
  'world.traffic.weight': event(['world'], 'the traffic split between canary and stable changed', { service: str, canary: num, stable: num }),
  'world.errors.started': event(['world'], 'a service version started failing a share of its requests', errorShare),
  'world.errors.ended': event(['world'], 'a service version stopped failing', errorShare),
  'world.saturation.started': event(['world'], 'a service version\'s workers are all busy and requests queue', saturation),
  'world.saturation.ended': event(['world'], 'a service version has idle workers again', saturation),
  'world.interference.started': event(['world'], 'trouble from outside the deploy (a noisy neighbour) starts failing a share of a service\'s requests', {
    service: str, errorRatio: num, message: str,
  }),
  'world.interference.ended': event(['world'], 'the outside trouble is over', { service: str }),
  'world.snapshot': event(['world'], 'periodic state of every service (workers, queues, rates)', { services: json }),
  'world.local.started': event(['world'], 'the local backend\'s processes, routers and Prometheus are up', {
    timeScale: num, metrics: str, metricsNote: opt(str), load: str, scrapeIntervalMs: num, scrapeIntervalDrillMs: num,
    truthWeight: num, startupMs: num, testbedMs: num, warmUp: z.unknown(), processes: z.array(json), routers: json,
  }),
  'world.cluster.started': event(['world'], 'the run\'s objects are applied and the real Argo controller reports the Rollout Healthy (cluster)', {
    cluster: str, namespace: str, rollout: str, prometheus: str, objects: z.array(str), startupMs: num,
  }),
  'world.metrics.ready': event(['world'], 'the first scrape landed (local)', { metrics: str, firstScrapeMs: num }),
  'world.metrics.short-range': event(['world'], 'a query\'s range is too short for the real scrape interval at this time scale (local)', {
    query: str, rangeMs: num, realRangeMs: num, scrapeIntervalMs: num, hint: str,
  }),

  // the rollout controller (Argo Rollouts' events and status changes)
  'rollout.command': event(['rollout'], 'a kubectl-argo-rollouts command reached the controller', { ...rolloutBase, command: str }),
  'rollout.phase': event(['rollout'], 'the Rollout\'s phase changed', { ...rolloutBase, phase: str, previous: z.string().nullable(), message: opt(str) }),
  'rollout.updated': event(['rollout'], 'RolloutUpdated: a new pod template (revision)', { ...rolloutBase, reason: str, revision: num, podHash: str, ...message }),
  'rollout.not-completed': event(['rollout'], 'RolloutNotCompleted: an update started', { ...rolloutBase, reason: str, revision: num, podHash: str, ...message }),
  'rollout.skip-steps': event(['rollout'], 'SkipSteps: rolling back to the stable ReplicaSet skips the steps', { ...rolloutBase, reason: str, ...message }),
  'rollout.replicaset.scaled': event(['rollout'], 'ScalingReplicaSet', {
    ...rolloutBase, reason: str, replicaSet: str, role: opt(str), revision: opt(num), from: num, to: num, ...message,
  }),
  'rollout.weight.changed': event(['rollout'], 'TrafficWeightUpdated', {
    ...rolloutBase, reason: str, weight: num, previous: num, weightPercent: num, canary: str, ...message,
  }),
  'rollout.step.completed': event(['rollout'], 'RolloutStepCompleted (stepIndex is 1-based, as Argo prints it)', {
    ...rolloutBase, reason: str, stepIndex: num, steps: num, step: str, ...message,
  }),
  'rollout.paused': event(['rollout'], 'RolloutPaused (a pause step, or an Inconclusive analysis)', { ...rolloutBase, reason: str, pauseReason: str, ...message }),
  'rollout.resumed': event(['rollout'], 'RolloutResumed', { ...rolloutBase, reason: str, ...message }),
  'rollout.aborted': event(['rollout'], 'RolloutAborted: traffic back to stable', { ...rolloutBase, reason: str, revision: opt(num), ...message }),
  'rollout.completed': event(['rollout'], 'RolloutCompleted: the canary is the new stable', { ...rolloutBase, reason: str, revision: num, podHash: str, ...message }),
  'rollout.target.failed': event(['rollout'], 'scaling or routing the target failed; retried', { ...rolloutBase, operation: str, ...message }),
  'rollout.analysisrun.created': event(['rollout'], 'an AnalysisRun was created for a step or in the background', {
    ...rolloutBase, run: str, runType: str, stepIndex: opt(num),
  }),
  'rollout.analysisrun.create-failed': event(['rollout'], 'an AnalysisRun could not be created', { ...rolloutBase, runType: str, stepIndex: opt(num), ...message }),
  'rollout.analysisrun.phase': event(['rollout'], 'AnalysisRun<Phase> as the Rollout records it', {
    ...rolloutBase, reason: str, run: str, runType: str, phase: str, previous: str, ...message,
  }),
  'rollout.analysisrun.terminated': event(['rollout'], 'an AnalysisRun was terminated by the Rollout', { ...rolloutBase, run: str, runType: str }),

  // the analysis engine (AnalysisRun status changes and measurements)
  'analysis.run.phase': event(['analysis'], 'an AnalysisRun\'s phase changed', { run: str, phase: str, previous: str, message: opt(str) }),
  'analysis.metric.phase': event(['analysis'], 'a metric\'s phase changed', { run: str, metric: str, phase: str, previous: str, message: opt(str), dryRun: opt(bool) }),
  'analysis.measurement': event(['analysis'], 'one measurement, with the metric\'s counters after it', {
    run: str, metric: str, phase: str, value: opt(str), message: opt(str), startedAt: num, finishedAt: num, count: num, successful: num,
    failed: num, inconclusive: num, error: num, consecutiveError: num, consecutiveSuccess: num,
  }),
  'analysis.run.terminate': event(['analysis'], 'an AnalysisRun was asked to terminate', { run: str }),

  // alerting and paging
  'alert.pending': event(['pager'], 'an alerting rule\'s condition holds, waiting out its `for`', { alert: str, severity: opt(str), value: num }),
  'alert.firing': event(['pager'], 'an alerting rule fires', { alert: str, severity: opt(str), value: num }),
  'alert.resolved': event(['pager'], 'a firing or pending alert is over', { alert: str, severity: opt(str), value: num }),
  'rule.failed': event(['pager'], 'an alerting rule could not be evaluated', { group: str, rule: str, message: str }),
  'notification.received': event(['pager'], 'a non-paging notification (a Rollout event, a low-severity alert)', { alert: str }),
  'page.sent': event(['pager'], 'a human was paged', { alert: str }),

  // the on-call human
  'page.acked': event(['oncall'], 'the on-call acknowledged the page', { reason: str, afterMs: num }),
  'investigation.informed': event(['oncall'], 'the on-call read the agent\'s diagnosis; the rest of the investigation is scaled', {
    diagnosis: str, factor: num, remainingMs: num, nowRemainingMs: num,
  }),
  'investigation.waiting': event(['oncall'], 'the on-call stands down while a merged fix rolls out', { why: str, afterMs: num, diagnosis: opt(str) }),
  'investigation.done': event(['oncall'], 'the on-call decided', { decision: str, why: str, afterMs: num, diagnosis: opt(str) }),
  'rollback.started': event(['oncall'], 'the on-call starts a rollback', {}),
  'rollback.done': event(['oncall'], 'the on-call\'s rollback finished', { afterMs: num }),

  // agents (L2+)
  'agent.triggered': event(['agent'], 'the agent is handed the incident', { agent: str, detection: str, signal: str }),
  'agent.tool.called': event(['agent'], 'the agent called a toolbox tool', { agent: str, tool: str, via: str, status: num, args: z.unknown(), error: opt(str) }),
  'agent.note': event(['agent'], 'a line the agent wrote for the journal (stderr tail, a model\'s note)', { agent: str, message: str, data: opt(json) }),
  'agent.answered': event(['agent'], 'the agent answered: a diagnosis and/or a fix proposal', { agent: str, diagnosis: opt(json), proposal: opt(json), ...agentCost }),
  'agent.failed': event(['agent'], 'the agent hung, crashed, answered garbage or ran over budget: a scored failure', { agent: str, kind: str, message: str, ...agentCost }),

  // fix PRs (L3) and the policy gate (L4)
  'fix.proposed': event(['fix'], 'a fix proposal arrived', { agent: str, title: str, claimedClass: opt(str), bytes: num }),
  'fix.rejected': event(['fix'], 'the guard or git apply refused the proposal before anything ran', { stage: str, reasons: z.array(str) }),
  'fix.committed': event(['fix'], 'committed on a fix branch', { commit: str, branch: str, files: z.array(str), additions: num, deletions: num }),
  'fix.classified': event(['fix'], 'the classifier\'s reading of the diff', { classes: z.array(json), fixClasses: z.array(str) }),
  'fix.checks': event(['fix'], 'the repository\'s tests in a sandbox', { ok: bool, network: str, files: z.array(json), reason: opt(str) }),
  'fix.pr.opened': event(['fix'], 'the PR is open (and on GitHub when configured)', { branch: str, title: str, github: opt(str) }),
  'fix.auto-applied': event(['fix'], 'the policy allowed the fix: merged without review', { commit: str, by: str }),
  'fix.reviewed': event(['fix'], 'a reviewer approved', { approved: bool, by: str, afterMs: num }),
  'fix.merged': event(['fix'], 'the fix is merged', { commit: str, branch: str, afterMs: num }),
  'fix.templates.applied': event(['fix'], 'the fix changed AnalysisTemplates; they are re-applied before it rolls out', { templates: z.array(str) }),
  'fix.closed': event(['fix'], 'the PR was closed (failed checks)', { reason: str }),
  'fix.not-deployed': event(['fix'], 'the merged fix could not be rolled out', { reason: str }),
  'fix.failed': event(['fix'], 'the fix pipeline failed', { reason: str }),
  'policy.decided': event(['policy'], 'the policy engine\'s verdict on a fix', { engine: str, verdict: str, rule: str, reasons: z.array(str), classes: z.array(json) }),
  'policy.audit.sealed': event(['policy'], 'the hash-chained audit log was sealed; its head', { head: str, records: num }),
} as const;

export type EventType = keyof typeof EVENT_CATALOG;
export type EventPayload<K extends EventType> = z.input<(typeof EVENT_CATALOG)[K]['payload']>;
/** A timeline event of one catalogued type, payload typed. */
export type CatalogEvent<K extends EventType> = { t: number; type: K; source: string } & EventPayload<K>;

const KNOWN = new Set<string>(Object.keys(EVENT_CATALOG));

export function isEventType(type: string): type is EventType {
  return KNOWN.has(type);
}

/** Narrows a timeline event to one catalogued type, so its payload is typed. */
export function isEvent<K extends EventType>(e: { type: string }, type: K): e is CatalogEvent<K> {
  return e.type === type;
}

/** The first event of a type (from `from` on), payload typed. */
export function findEvent<K extends EventType>(timeline: readonly { type: string; t: number }[], type: K, from = -Infinity): CatalogEvent<K> | undefined {
  return timeline.find((e): e is CatalogEvent<K> => e.t >= from && isEvent(e, type));
}

/** Any catalogued event: a union discriminated on `type`, so a `switch` narrows the payload. */
export type AnyCatalogEvent = { [K in EventType]: CatalogEvent<K> }[EventType];
