import { buildBurnRateRuleFile } from '../oncall/burn-rate-rules.ts';
import { loadRuleFile, RuleEvaluator, type RuleFile } from '../metrics/rules/index.ts';
import { OnCallHuman } from '../oncall/oncall-human.ts';
import { Pager } from '../oncall/pager.ts';
import type { Stack } from '../scenario/load-stack.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { Timeline } from '../timeline/timeline.ts';
import type { Rng } from '../util/rng.ts';
import type { World } from '../world/world.ts';
import type { ArgoStack } from './argo-stack.ts';
import { startCanaryDeploy } from './canary-deploy.ts';
import { startRollingDeploy } from './rolling-deploy.ts';
import type { Agent } from '../agents/agent.ts';
import type { Topology } from '../agents/protocol/incident-bundle.ts';
import type { Alert } from '../metrics/rules/rule-evaluator.ts';
import { startAgentResponse, type AgentRecording, type AgentResponse } from './agent-response.ts';
import { detectionSignal } from './incident/detection-signal.ts';
import { startFixPipeline, type FixPr } from './fix/fix-pipeline.ts';
import type { PolicyGate } from './fix/policy-gate.ts';
import { DEFAULT_FORBIDDEN_PATHS, DEFAULT_MAX_PATCH_BYTES } from '../fixes/guard-patch.ts';
import type { RolloutView } from '../agents/toolbox/incident-view.ts';
import type { RolloutSnapshot } from './incident/assemble-bundle.ts';
import type { RecordedAnalysisRuns } from './incident/recorded-analysis-runs.ts';
import type { AnalysisTemplateLike } from '../rollout/analysis/types.ts';

export interface Remediation {
  /** Ships the new revision the way this stack's level does. */
  deploy(): Promise<void>;
  /** 'open' while someone (human, controller or agent) is still working on it; else when the last act ended. */
  settledAt(): number | 'open';
  /** Stops what still works in the background (an agent, its toolbox). */
  stop(): Promise<void>;
  /** L3+: the PR the agent's fix became, if it got that far. */
  fixPr(): FixPr | undefined;
}

/** How a level ships the deploy and how a human takes it back. */
export interface DeployStrategy {
  start(): Promise<void>;
  /** True while the new revision (v2) serves users. */
  isLive(): boolean;
  /** The human's rollback; resolves when users are back on v1. */
  rollback(): Promise<void>;
  /** 'open' while the strategy is still moving traffic, else when it last acted. */
  settledAt(): number | 'open';
  /** Ships a further commit (a fix) through the same Rollout, as the next revision; resolves when that update settled (canary deploys only). */
  deployRevision?(commit: string): Promise<void>;
  /** `kubectl apply` of AnalysisTemplates from a newer commit (canary deploys only). */
  applyTemplates?(templates: readonly AnalysisTemplateLike[], clusterTemplates: readonly AnalysisTemplateLike[]): void;
  /** The Rollout and its AnalysisRuns as an operator sees them (canary deploys only). */
  rolloutView?(): RolloutView;
  /** The Rollout at this instant, for the incident bundle (canary deploys only). */
  rolloutSnapshot?(): RolloutSnapshot;
  /** The AnalysisRuns started so far (canary deploys only). */
  readonly analysisRuns?: RecordedAnalysisRuns;
}

/**
 * Sets up the stack's parts on a world: at every level a pager and an on-call human; at L0 the
 * deploy is a plain rolling update, at L1 Argo's canary controller ships it and may abort it.
 */
export function startRemediation(opts: {
  scenario: Scenario; stack: Stack; world: World; timeline: Timeline; rng: Rng; endMs: number; argo?: ArgoStack;
  /** The stack's own Prometheus rule file, replacing the default burn-rate pager. */
  alertRules?: RuleFile;
  /** L2 and above: the stack's agent and the service graph its bundle describes. */
  agent?: { agent: Agent; topology: Topology; recording?: AgentRecording };
  /** L4: the policy gate; a key naming this run (the fix branch). */
  gate?: PolicyGate;
  runKey: string;
  /** Stops the run with an error (a part found a problem it cannot go on with). */
  fail: (err: Error) => void;
}): Remediation {
  const { scenario, stack, world, timeline } = opts;
  let human: OnCallHuman | undefined;
  let response: AgentResponse | undefined;
  const page = (reason: string, alert?: Alert): void => {
    response?.onDetection(detectionSignal(timeline, reason, alert));
    human?.page(reason);
  };
  const rules = new RuleEvaluator(opts.alertRules ?? defaultAlertRules(scenario, stack), { source: world.metrics, tsdb: world.tsdb });
  const pager = new Pager(world.clock, rules, stack.pager.evaluationIntervalMs, timeline, page);
  const strategy: DeployStrategy = opts.argo
    ? startCanaryDeploy({ world, timeline, argo: opts.argo, stackName: stack.name, notify: (reason) => pager.notify(reason) })
    : startRollingDeploy({ world, timeline, steps: stack.rollingUpdate.steps, intervalMs: stack.rollingUpdate.intervalMs });
  // L3+: a fix the agent proposes goes through the guard, a PR, review or the policy gate, and a redeploy.
  const fixes = stack.review && opts.agent
    ? startFixPipeline({ stack, world, timeline, rng: opts.rng.fork('review'), strategy, runKey: opts.runKey, gate: opts.gate, fail: opts.fail })
    : undefined;
  human = new OnCallHuman(world.clock, opts.rng.fork('oncall'), stack.oncall, timeline, {
    isDeployLive: () => strategy.isLive(),
    rollback: () => strategy.rollback(),
    standDown: () => fixes?.standDown(),
  }, stack.oncall.diagnosis);
  if (opts.agent && stack.agent) {
    const reader = human;
    response = startAgentResponse({
      spec: stack.agent, agent: opts.agent.agent, scenario, world, timeline, rng: opts.rng.fork('agent'), strategy,
      topology: opts.agent.topology, readDiagnosis: (q) => reader.readDiagnosis(q), recording: opts.agent.recording, fail: opts.fail,
      ...(fixes ? { fix: { constraints: fixConstraints(stack), propose: (p, id) => fixes.propose(p, id) } } : {}),
    });
  }
  pager.start(opts.endMs);
  return {
    settledAt: () => {
      // A human still investigating keeps the incident open only while the bad revision serves
      // users: once it is gone, nothing they do can change what users see.
      const s = strategy.settledAt();
      const a = response?.settledAt() ?? 0;
      const f = fixes?.settledAt() ?? 0;
      if (s === 'open' || a === 'open' || f === 'open' || (human!.engaged && strategy.isLive())) return 'open';
      return Math.max(s, a, f, human!.finishedAt ?? 0);
    },
    fixPr: () => fixes?.pr,
    stop: async () => {
      await response?.stop();
    },
    async deploy() {
      timeline.emit(world.clock.now(), 'harness', 'deploy.started', {
        service: world.deployService,
        commit: world.workspace.v2.slice(0, 12),
        role: 'canary',
        strategy: opts.argo ? 'argo-canary' : 'rolling-update',
        message: scenario.deploy.message.split('\n')[0],
      });
      await strategy.start();
    },
  };
}

/** The SRE Workbook's burn-rate alerts on the scenario's SLO, as a Prometheus rule file. */
export function defaultAlertRules(scenario: Scenario, stack: Stack): RuleFile {
  return loadRuleFile(buildBurnRateRuleFile({
    service: scenario.entryService,
    objective: scenario.slo.objective,
    latencyThresholdS: scenario.slo.latencyThresholdMs / 1000,
    windows: stack.pager.burnRateWindows,
  }), 'default-pager.rules.yaml');
}

/** What the bundle tells a fixing agent it may not do. */
function fixConstraints(stack: Stack): { forbiddenPaths: string[]; maxPatchBytes: number } {
  return { forbiddenPaths: stack.pr?.forbiddenPaths ?? [...DEFAULT_FORBIDDEN_PATHS], maxPatchBytes: stack.pr?.maxPatchBytes ?? DEFAULT_MAX_PATCH_BYTES };
}
