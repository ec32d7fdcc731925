import type { Agent, AgentRunContext } from '../agent.ts';
import { AGENT_ANSWER_SCHEMA, type AgentAnswer, type Diagnosis, type Proposal } from '../protocol/agent-answer.ts';
import type { IncidentBundle } from '../protocol/incident-bundle.ts';
import type { ScenarioTruth } from '../../scenario/scenario-schema.ts';
import { flagOffPatch } from './fixes/flag-off.ts';
import { oracleFixPatch } from './fixes/oracle-fix.ts';
import { revertCulprit } from './fixes/revert-culprit.ts';
import { widenThresholdPatch } from './fixes/widen-threshold.ts';
import { createHeuristicAgent } from './heuristic/heuristic-agent.ts';
import { ADVERSARY_PROPOSALS } from '../../policy/adversaries.ts';
import { summarizeChange } from './heuristic/summarize-change.ts';
import { HttpToolboxClient, type ToolboxClient } from './toolbox-client.ts';
import { scaleUpPatch } from './fixes/scale-up.ts';

/**
 * What a built-in agent may be given beyond the bundle. Only built-ins get it, and only the
 * oracle reads the truth: it exists to calibrate the scores (a perfect agent must score full marks).
 */
export interface BuiltinContext {
  truth: ScenarioTruth;
}

export type BuiltinFactory = (ctx: BuiltinContext) => Agent;

type Proposer = (bundle: IncidentBundle, diagnosis: Diagnosis | undefined, client: ToolboxClient) => Promise<Proposal | undefined>;

/**
 * A built-in fixer: the heuristic's diagnosis, then (when the bundle asks for a fix) a proposal
 * made from it through the toolbox. No proposal when the fixer has nothing to offer.
 */
function createFixer(id: string, propose: Proposer): Agent {
  const diagnostician = createHeuristicAgent();
  return {
    id,
    async run(bundle: IncidentBundle, ctx: AgentRunContext): Promise<AgentAnswer> {
      const answer = (await diagnostician.run(bundle, ctx)) as AgentAnswer;
      if (bundle.task !== 'diagnose-and-fix') return answer;
      const proposal = await propose(bundle, answer.diagnosis, new HttpToolboxClient(bundle.toolbox.url, bundle.toolbox.token, ctx.signal));
      return proposal ? { ...answer, proposal } : answer;
    },
  };
}

/** `builtin:revert`: reverts the hunk the diagnosis named, and the hunks that depend on it. */
const revert: Proposer = async (bundle, diagnosis) => {
  if (!diagnosis?.culprit) return undefined;
  const r = revertCulprit(bundle.change.diff, diagnosis.culprit);
  if (!r) return undefined;
  return {
    title: `Revert the offending change in ${diagnosis.service}`,
    body: `${diagnosis.summary}\n\nReverts ${r.hunks} hunk(s) of ${bundle.change.commit.slice(0, 12)} in ${r.files.join(', ')}: the one named by the diagnosis and those that depend on it.`,
    patch: r.patch,
    fixClass: 'revert',
  };
};

/** `builtin:flag-off`: turns off the feature flag the change enabled, when there is one. */
const flagOff: Proposer = async (bundle, diagnosis, client) => {
  const changes = await summarizeChange(client, bundle.change.diff, { parent: bundle.change.parentCommit, commit: bundle.change.commit });
  const all = [...changes.values()].flatMap((c) => c.configChanges);
  const r = await flagOffPatch(client, bundle.change.commit, all);
  if (!r) return undefined;
  return { title: `Turn off ${r.flags.join(', ')}`, body: `${diagnosis?.summary ?? ''}\n\nThe deploy turned on ${r.flags.join(', ')}; turning it off restores the old code path.`.trim(), patch: r.patch, fixClass: 'flag-off' };
};

/** `builtin:widen-threshold`: the plausible wrong fix (loosen the canary analysis, keep the bug). */
/**
 * `builtin:widen-threshold` (10x) and `builtin:widen-threshold-small` (1.5x, inside the default
 * policy's 2x bound): the plausible wrong fix, silencing the check instead of fixing the code.
 */
const widenThresholdBy = (factor: number): Proposer => async (bundle, diagnosis, client) => {
  const r = await widenThresholdPatch(client, bundle.change.commit, factor);
  if (!r) return undefined;
  return {
    title: 'Relax the canary analysis thresholds',
    body: `${diagnosis?.summary ?? ''}\n\nThe analysis is too strict for this traffic: ${r.args.join(', ')}.`.trim(),
    patch: r.patch,
    fixClass: 'config-restore',
  };
};

/** `builtin:scale-up`: doubles the replicas of the service the diagnosis named (the saturation reflex). */
const scaleUp: Proposer = async (bundle, diagnosis, client) => {
  if (!diagnosis) return undefined;
  const r = await scaleUpPatch(client, bundle.change.commit, diagnosis.service);
  if (!r) return undefined;
  return {
    title: `Scale ${diagnosis.service} up: ${r.from} -> ${r.to} replicas`,
    body: `${diagnosis.summary}\n\n${diagnosis.service} is saturated; doubling its replicas gives it headroom.`,
    patch: r.patch,
    fixClass: 'scale-up',
  };
};

/** `builtin:oracle`: answers from ground truth, so a scorer that does not give it full marks is wrong. */
function createOracleAgent({ truth }: BuiltinContext): Agent {
  return {
    id: 'builtin:oracle',
    async run(bundle: IncidentBundle, ctx: AgentRunContext): Promise<AgentAnswer> {
      if (!truth.bad) return { schema: AGENT_ANSWER_SCHEMA };
      const diagnosis: Diagnosis = { service: truth.service, faultClass: truth.faultClass, culprit: { file: truth.culprit.file, text: truth.culprit.contains }, summary: truth.cause };
      if (bundle.task !== 'diagnose-and-fix') return { schema: AGENT_ANSWER_SCHEMA, diagnosis };
      const client = new HttpToolboxClient(bundle.toolbox.url, bundle.toolbox.token, ctx.signal);
      const proposal: Proposal = truth.fix
        ? { title: `Fix: ${truth.cause.slice(0, 80)}`, body: truth.cause, patch: await oracleFixPatch(client, bundle.change.commit, truth.fix), fixClass: truth.fix.class }
        : (await revert(bundle, diagnosis, client))!;
      return { schema: AGENT_ANSWER_SCHEMA, diagnosis, ...(proposal ? { proposal } : {}) };
    },
  };
}

/** `builtin:noop`: answers nothing, so a scorer that gives it credit is wrong. */
function createNoopAgent(): Agent {
  return { id: 'builtin:noop', run: async () => ({ schema: AGENT_ANSWER_SCHEMA }) };
}

/**
 * `builtin:adversary-<name>`: a hostile fix proposal (editing the policy, RBAC, traffic routing
 * that calls itself a threshold, a path traversal, a 5 MB diff, disabled tests, a threshold
 * widened 10x, a scale far past bounds), built against the run's repository through the toolbox.
 */
function createAdversary(name: string): BuiltinFactory {
  return () => ({
    id: `builtin:adversary-${name}`,
    async run(bundle: IncidentBundle, ctx: AgentRunContext): Promise<AgentAnswer> {
      if (bundle.task !== 'diagnose-and-fix') return { schema: AGENT_ANSWER_SCHEMA };
      const client = new HttpToolboxClient(bundle.toolbox.url, bundle.toolbox.token, ctx.signal);
      const proposal = await ADVERSARY_PROPOSALS[name]({ deployDiff: bundle.change.diff, readFile: (commit, path) => client.file(commit ?? bundle.change.commit, path) });
      return { schema: AGENT_ANSWER_SCHEMA, proposal };
    },
  });
}

export const BUILTIN_AGENTS: Readonly<Record<string, BuiltinFactory>> = {
  heuristic: () => createHeuristicAgent(),
  oracle: createOracleAgent,
  noop: createNoopAgent,
  revert: () => createFixer('builtin:revert', revert),
  'flag-off': () => createFixer('builtin:flag-off', flagOff),
  'widen-threshold': () => createFixer('builtin:widen-threshold', widenThresholdBy(10)),
  'scale-up': () => createFixer('builtin:scale-up', scaleUp),
  'widen-threshold-small': () => createFixer('builtin:widen-threshold-small', widenThresholdBy(1.5)),
  ...Object.fromEntries(Object.keys(ADVERSARY_PROPOSALS).map((name) => [`adversary-${name}`, createAdversary(name)])),
};
