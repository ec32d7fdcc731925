import type { Agent, AgentOutcome } from '../agents/agent.ts';
import { BudgetMeter } from '../agents/budget.ts';
import type { Topology } from '../agents/protocol/incident-bundle.ts';
import { startToolbox, type ToolCall } from '../agents/toolbox/toolbox-server.ts';
import type { DiagnosisQuality } from '../oncall/oncall-human.ts';
import { drawHumanTime } from '../oncall/human-time.ts';
import { gradeDiagnosis } from '../scenario/grade-diagnosis.ts';
import type { AgentSpec } from '../scenario/load-stack.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { Timeline } from '../timeline/timeline.ts';
import type { Rng } from '../util/rng.ts';
import type { World } from '../world/world.ts';
import { assembleBundle, detectionKind, type DetectionSignal } from './incident/assemble-bundle.ts';
import { incidentViewOfRun } from './incident/incident-view-of-run.ts';
import { runAgent } from './run-agent.ts';
import { runHeld, type HoldCharge } from './run-held.ts';
import { hashBundle, readExchange, stableBundle, writeExchange, type AgentExchange } from '../agents/record/agent-exchange.ts';
import type { IncidentBundle } from '../agents/protocol/incident-bundle.ts';
import type { Proposal } from '../agents/protocol/agent-answer.ts';
import { TOOLS } from '../agents/toolbox/tool-table.ts';
import { UserInputError } from '../util/errors.ts';

/** --agent-record writes each exchange to `dir`; --agent-replay answers from it. */
export interface AgentRecording {
  mode: 'record' | 'replay';
  dir: string;
  key: string;
}
import type { DeployStrategy } from './start-remediation.ts';
import type { EventPayload, EventType } from '../timeline/event-catalog.ts';

export interface AgentResponse {
  /** The first detection signal: the agent is triggered once per run. */
  onDetection(signal: DetectionSignal): void;
  /** 'open' while the agent works. */
  settledAt(): number | 'open';
  /** Cuts off an agent still working (the run ended) and stops its toolbox. */
  stop(): Promise<void>;
}

/**
 * L2: on the first detection signal the stack's agent gets the incident bundle and the run's
 * toolbox. Time holds while it works (on sim; it runs on elsewhere) and the answer lands after
 * the stack's charge: its measured wall time, or a seeded draw. The on-call human reads the
 * diagnosis (its quality, graded against ground truth, sets how much it helps); an agent cut
 * off or answering garbage leaves the human unaided, as at L1.
 */
export function startAgentResponse(opts: {
  spec: AgentSpec; agent: Agent; scenario: Scenario; world: World; timeline: Timeline; rng: Rng;
  strategy: DeployStrategy; topology: Topology; readDiagnosis: (q: DiagnosisQuality) => void;
  /** --agent-record / --agent-replay: the folder, and this run's exchange key. */
  recording?: AgentRecording;
  /** A problem that must stop the run (a replay that no longer matches). */
  fail: (err: Error) => void;
  /** L3+: the agent is asked for a fix too, within these constraints; its proposal goes here. */
  fix?: { constraints: NonNullable<IncidentBundle['constraints']>; propose: (proposal: Proposal, agentId: string) => void };
}): AgentResponse {
  const { spec, agent, world, timeline, scenario } = opts;
  // Drawn up front so the seeded streams do not depend on when (or whether) the agent runs.
  const charge: HoldCharge = spec.time.kind === 'measured' ? 'wall' : { modeledMs: drawHumanTime(opts.rng, spec.time.draw) };
  let working = false;
  let finishedAt: number | undefined;
  let meter: BudgetMeter | undefined;
  let stopToolbox: (() => Promise<void>) | undefined;
  const emit = <K extends EventType>(type: K, data: EventPayload<K>): void => void timeline.emit(world.clock.now(), 'agent', type, data);

  async function respond(signal: DetectionSignal): Promise<void> {
    const bundleMeter = new BudgetMeter(spec.budget);
    meter = bundleMeter;
    const calls: ToolCall[] = [];
    const notes: { message: string; data?: Record<string, unknown> }[] = [];
    const replaying = opts.recording?.mode === 'replay';
    // Everything from reading the recording or starting the toolbox to its stop is real I/O: time
    // holds for all of it. A replay answers from the recording, charged what the exchange took.
    const outcome = await runHeld({
      clock: world.clock, timeline, source: 'agent', what: agent.id,
      // Measured time is the agent's own (not the toolbox's start and stop), live or as recorded.
      charge: (o) => (charge === 'wall' ? { recordedWallMs: o.wallMs } : charge),
      work: replaying
        ? readReplay(signal).then((r) => {
            calls.push(...r.toolCalls);
            return r.outcome;
          })
        : investigate(signal, bundleMeter, calls, notes),
      onSettled: () => {
        journalCalls(calls);
        for (const n of notes) emit('agent.note', { agent: agent.id, message: n.message.slice(0, 500), ...(n.data ? { data: n.data } : {}) });
      },
    });
    report(outcome);
  }

  async function investigate(signal: DetectionSignal, budget: BudgetMeter, calls: ToolCall[], notes: { message: string; data?: Record<string, unknown> }[]): Promise<AgentOutcome> {
    const view = incidentViewOfRun({ world, timeline, topology: opts.topology, diff: world.workspace.diff, rollout: opts.strategy.rolloutView });
    const toolbox = await startToolbox({ view, meter: budget, onCall: (c) => calls.push(c) });
    stopToolbox = () => toolbox.stop();
    try {
      const bundle = bundleFor(signal, { url: toolbox.url, mcpUrl: toolbox.mcpUrl, token: toolbox.token, tools: toolbox.tools });
      const kube = world.kubeAccess?.();
      const outcome = await runAgent(agent, bundle, {
        meter: budget, timeoutMs: spec.timeoutMs, note: (message, data) => notes.push({ message, data }), backend: world.backend, ...(kube ? { kube } : {}),
      });
      if (opts.recording?.mode === 'record') {
        await writeExchange(opts.recording.dir, { key: opts.recording.key, agent: agent.id, bundleHash: hashBundle(bundle), bundle: stableBundle(bundle), toolCalls: calls, outcome });
      }
      return outcome;
    } finally {
      await toolbox.stop();
    }
  }

  /** The incident bundle at this detection, reaching the toolbox at `toolbox`. */
  function bundleFor(signal: DetectionSignal, toolbox: IncidentBundle['toolbox']): IncidentBundle {
    return assembleBundle({
      task: opts.fix ? 'diagnose-and-fix' : 'diagnose',
      ...(opts.fix ? { constraints: opts.fix.constraints } : {}),
      detection: signal,
      analysisRuns: opts.strategy.analysisRuns,
      rollout: opts.strategy.rolloutSnapshot?.(),
      change: {
        service: world.deployService, commit: world.workspace.v2, parentCommit: world.workspace.v1,
        message: scenario.deploy.message, author: scenario.deploy.author, deployedAt: scenario.baselineMs, diff: world.workspace.diff,
      },
      topology: opts.topology,
      logs: world.logs,
      slo: { objective: scenario.slo.objective, latencyThresholdMs: scenario.slo.latencyThresholdMs },
      toolbox,
      budget: spec.budget,
    });
  }

  /** The recorded exchange for this detection (the bundle must match; the toolbox is not started). */
  async function readReplay(signal: DetectionSignal): Promise<AgentExchange> {
    const bundle = bundleFor(signal, { url: 'replay', mcpUrl: 'replay', token: 'replay', tools: TOOLS.map((t) => ({ name: t.name, description: t.description })) });
    return readExchange(opts.recording!.dir, opts.recording!.key, bundle);
  }

  function report(outcome: AgentOutcome): void {
    const cost = { toolCalls: outcome.toolCalls, ...(outcome.tokens !== undefined ? { tokens: outcome.tokens } : {}), ...(charge === 'wall' ? { wallMs: Math.round(outcome.wallMs) } : {}) };
    finishedAt = world.clock.now();
    working = false;
    if (outcome.failure) {
      emit('agent.failed', { agent: agent.id, kind: outcome.failure.kind, message: outcome.failure.message.slice(0, 1000), ...cost });
      return;
    }
    const diagnosis = outcome.answer?.diagnosis;
    emit('agent.answered', { agent: agent.id, ...(diagnosis ? { diagnosis } : {}), ...(outcome.answer?.proposal ? { proposal: outcome.answer.proposal } : {}), ...cost });
    const truth = scenario.truth;
    // The human's reading of the diagnosis is modeled from its graded quality (an assumption the stack states).
    opts.readDiagnosis(truth.bad ? gradeDiagnosis(diagnosis, truth, world.workspace.diff).quality : 'none');
    if (outcome.answer?.proposal && opts.fix) opts.fix.propose(outcome.answer.proposal, agent.id);
  }

  /** Tool calls in a canonical order: concurrent calls arrive in any order, the journal must not. */
  function journalCalls(calls: ToolCall[]): void {
    const rows = calls.map((c) => ({ tool: c.tool, via: c.via, status: c.status, args: c.args }));
    rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    for (const r of rows) emit('agent.tool.called', { agent: agent.id, ...r });
  }

  return {
    onDetection(signal) {
      if (working || finishedAt !== undefined) return;
      working = true;
      emit('agent.triggered', { agent: agent.id, detection: detectionKind(signal), signal: String(signal.event.message ?? signal.event.alert ?? signal.event.type).split('\n')[0] });
      // The bundle is taken once this instant has settled (the controller finishes reacting to
      // its own abort first), so what the agent sees does not depend on microtask timing.
      world.clock.schedule(world.clock.now(), () => void respond(signal).catch((err: unknown) => {
        if (err instanceof UserInputError) {
          working = false;
          opts.fail(err);
          return;
        }
        report({ failure: { kind: 'crashed', message: `harness: ${(err as Error).message}` }, toolCalls: meter?.toolCalls ?? 0, wallMs: 0 });
      }));
    },
    settledAt: () => (working ? 'open' : finishedAt ?? 0),
    async stop() {
      meter?.cutOff('the run ended');
      await stopToolbox?.();
    },
  };
}

function key(r: { tool: string; args: Record<string, unknown>; via: string; status: number }): string {
  return `${r.tool}\u0000${JSON.stringify(r.args)}\u0000${r.via}\u0000${r.status}`;
}
