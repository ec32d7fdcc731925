import { materializeWorkspace, openWorkspace, type WorkspaceLayout, type WorkspaceSource } from '../testbed/workspace.ts';
import { Timeline } from '../timeline/timeline.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { Stack } from '../scenario/load-stack.ts';
import { createRng } from '../util/rng.ts';
import { createWorld, type BackendName } from '../world/create-world.ts';
import type { World } from '../world/world.ts';
import type { LocalOptions } from '../world/local/local-options.ts';
import type { ClusterOptions } from '../world/cluster/cluster-options.ts';
import type { TruthBucket } from '../world/truth.ts';
import type { TimelineEvent } from '../timeline/events.ts';
import { FiredrillError } from '../util/errors.ts';
import { startRemediation, type Remediation } from './start-remediation.ts';
import { createAgent } from '../agents/create-agent.ts';
import { readTopology } from './incident/read-topology.ts';
import { PolicyGate } from './fix/policy-gate.ts';
import { fixPipelineAllowanceMs } from './fix/fix-pipeline.ts';
import { MANIFEST_DIR } from './fix/deploy-fix.ts';
import { basename } from 'node:path';
import { loadArgoStack } from './argo-stack.ts';
import { loadRuleFile } from '../metrics/rules/index.ts';
import { readText } from '../scenario/load-config-file.ts';
import { checkSteadyState } from './steady-state.ts';
import type { RunRecord } from './run-record.ts';

/** After the last remediation act, how long the run keeps watching users recover. */
export const RECOVERY_TAIL_MS = 10 * 60_000;

/**
 * Runs to the scenario's end, then keeps going while an incident is open (a human still on it),
 * and for a tail after the last act so recovery can be observed; never past `maxEnd`.
 */
async function advanceUntilSettled(world: World, remediation: Remediation, end: number, maxEnd: number, halt: Halt): Promise<number> {
  let t = end;
  await advance(world, t, halt);
  for (;;) {
    const settled = remediation.settledAt();
    const wanted = settled === 'open' ? t + 60_000 : Math.max(end, settled + RECOVERY_TAIL_MS);
    const next = Math.min(maxEnd, Math.ceil(wanted / 60_000) * 60_000);
    if (next <= t) return t;
    t = next;
    await advance(world, t, halt);
  }
}

/** Why a run stops early: the user's signal, or an error a part of the run raised. */
class Halt {
  readonly controller = new AbortController();
  error: Error | undefined;

  private readonly onOuterAbort = (): void => this.controller.abort();

  constructor(private readonly outer?: AbortSignal) {
    if (outer?.aborted) this.controller.abort();
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  /** The outer signal outlives the run (a suite's Ctrl-C): stop listening to it. */
  dispose(): void {
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  fail(err: Error): void {
    this.error ??= err;
    this.controller.abort();
  }
}

async function advance(world: World, t: number, halt: Halt): Promise<void> {
  await world.advanceTo(t, halt.signal);
  if (halt.error) throw halt.error;
  if (halt.signal.aborted) throw new InterruptedError();
}

/** The run was stopped from outside (Ctrl-C, SIGTERM); what was written stays, the rest is cleaned up. */
export class InterruptedError extends FiredrillError {
  constructor() {
    super('interrupted: the run was stopped before it finished', { exitCode: 3, hint: "finished runs' results are kept; the stopped run's journal so far is in its timeline.jsonl" });
  }
}

export interface RunOptions {
  backend: BackendName;
  seed: number;
  /** Stops the run (its workspace is removed, nothing is scored). */
  signal?: AbortSignal;
  /** Called once the world is up (e.g. to serve its metrics while the run is live). */
  onWorldStarted?: (world: World) => void | Promise<void>;
  /** Streamed events, for live reporters. */
  onEvent?: (e: TimelineEvent) => void;
  /** Options of the `local` backend (--time-scale, --load, --prometheus). */
  local?: LocalOptions;
  /** Which cluster the `cluster` backend uses (--cluster, --kubeconfig, --context, --keep). */
  cluster?: ClusterOptions;
  /**
   * The run's repository, already made (layOutWorkspace on workspaceSourceOf, by the suite's pool
   * while other runs go on); the run removes it when it ends, as one it made itself.
   */
  workspace?: WorkspaceLayout;
  /** --agent-record DIR / --agent-replay DIR: each agent exchange stored, or answered from the store. */
  agentRecording?: { mode: 'record' | 'replay'; dir: string };
}

/**
 * The one place that wires a world, the deploy, the remediation stack and the clock together.
 * Chaos Toolkit's shape: steady state is checked before the deploy and after the run, and the
 * world is always stopped and its workspace removed, whatever happened in between.
 */
export async function executeRun(scenario: Scenario, stack: Stack, opts: RunOptions): Promise<RunRecord> {
  const rng = createRng(opts.seed);
  const halt = new Halt(opts.signal);
  const timeline = new Timeline();
  if (opts.onEvent) timeline.onEvent(opts.onEvent);
  const workspace = opts.workspace ? openWorkspace(opts.workspace) : await materializeWorkspace(await workspaceSourceOf(scenario, stack));
  const runKey = `${scenario.name}--${stack.name}--seed-${opts.seed}`;
  let world: World | undefined;
  let remediation: Remediation | undefined;
  let gate: PolicyGate | undefined;
  try {
    // Before the world starts: an agent that cannot work on this backend (K8sGPT without a
    // cluster) fails the run at once. A replay never runs the agent.
    const agent = stack.agent ? createAgent(stack.agent.use, stack.agent.options, { truth: scenario.truth }) : undefined;
    if (opts.agentRecording?.mode !== 'replay') agent?.checkBackend?.(opts.backend);
    world = await createWorld(opts.backend, { scenario, stack, workspace, seed: opts.seed, rng, timeline, signal: halt.signal, local: opts.local, cluster: opts.cluster });
    await opts.onWorldStarted?.(world);
    const truth: TruthBucket[] = [];
    const endMs = scenario.baselineMs + scenario.durationMs;
    timeline.emit(0, 'harness', 'run.started', {
      scenario: scenario.name, stack: stack.name, level: stack.level, backend: opts.backend, seed: opts.seed,
      deployAtMs: scenario.baselineMs, endMs,
    });
    const argo = stack.level !== 'L0' ? await loadArgoStack(stack) : undefined;
    const alertRules = stack.pager.alertRulesFile ? loadRuleFile(await readText(stack.pager.alertRulesFile), stack.pager.alertRulesFile) : undefined;
    const agentPart = agent
      ? {
          agent,
          topology: await readTopology(workspace.stableDir, scenario.services, scenario.entryService),
          ...(opts.agentRecording ? { recording: { ...opts.agentRecording, key: runKey } } : {}),
        }
      : undefined;
    gate = stack.policy ? await PolicyGate.start(stack.policy, 0, { scenario: scenario.name, stack: stack.name, seed: opts.seed }) : undefined;
    remediation = startRemediation({ scenario, stack, world, timeline, rng: rng.fork('remediation'), endMs, argo, alertRules, agent: agentPart, gate, runKey, fail: (err) => halt.fail(err) });
    await advance(world, scenario.baselineMs, halt);
    truth.push(...world.takeTruth());
    checkSteadyState('before', scenario, truth, scenario.baselineMs, timeline);
    await remediation.deploy();
    const runEnd = await advanceUntilSettled(world, remediation, endMs, scenario.baselineMs + scenario.maxDurationMs + fixPipelineAllowanceMs(stack), halt);
    truth.push(...world.takeTruth(true));
    checkSteadyState('after', scenario, truth, runEnd, timeline);
    const audit = gate ? await gate.close(runEnd) : undefined;
    gate = undefined;
    if (audit) timeline.emit(runEnd, 'policy', 'policy.audit.sealed', { head: audit.head, records: audit.text.trim().split('\n').length });
    timeline.emit(runEnd, 'harness', 'run.finished', { extendedByMs: runEnd - endMs });
    const pr = remediation.fixPr();
    return {
      schema: 'firedrill.run/v1',
      scenario: {
        name: scenario.name,
        description: scenario.description,
        slo: scenario.slo,
        load: { rate: scenario.load.rate },
        baselineMs: scenario.baselineMs,
        durationMs: runEnd - scenario.baselineMs,
        deploy: { service: scenario.deploy.service, message: scenario.deploy.message },
        truth: scenario.truth,
      },
      stack: { name: stack.name, level: stack.level, scrapeIntervalMs: stack.scrapeIntervalMs, ...(stack.agent ? { agent: stack.agent.use } : {}) },
      ...(stack.agent && opts.agentRecording ? { agentMode: opts.agentRecording.mode } : {}),
      backend: opts.backend,
      ...(world.info ? { world: world.info } : {}),
      seed: opts.seed,
      workspace: { v1: workspace.v1, v2: workspace.v2, diff: workspace.diff },
      ...(pr ? { fix: { branch: pr.branch, commit: pr.commit, pr: pr.markdown, ...(pr.github ? { github: pr.github } : {}) } } : {}),
      ...(audit ? { audit: audit.text } : {}),
      timeline: [...timeline.all()],
      truth,
    };
  } catch (err) {
    // The journal says how the run ended, even when it did not finish: a reporter streaming
    // events keeps what happened up to here (the last event's time: the world stopped there).
    const last = timeline.all().at(-1)?.t ?? 0;
    const message = err instanceof Error ? err.message : String(err);
    timeline.emit(last, 'harness', err instanceof InterruptedError ? 'run.interrupted' : 'run.failed', { error: message });
    throw err;
  } finally {
    halt.dispose();
    await gate?.close(timeline.all().at(-1)?.t ?? 0).catch(() => undefined);
    await remediation?.stop();
    await world?.stop();
    await workspace.remove();
  }
}

/** What a run's repository is made of: the testbed, the scenario's change, the stack's manifests. */
export async function workspaceSourceOf(scenario: Scenario, stack: Stack): Promise<WorkspaceSource> {
  return {
    templateDir: scenario.testbedDir,
    changes: scenario.deploy.changes,
    message: scenario.deploy.message,
    author: scenario.deploy.author,
    // The stack's Rollout and AnalysisTemplates live in the repo too: a fix may change them.
    extraFiles: await readStackManifests(stack),
  };
}

/** The stack's Argo manifests as files of the repo, under deploy/argo/. */
async function readStackManifests(stack: Stack): Promise<{ file: string; content: string }[]> {
  return Promise.all(stack.rolloutManifests.map(async (m) => ({ file: `${MANIFEST_DIR}/${basename(m)}`, content: await readText(m) })));
}
