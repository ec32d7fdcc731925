import type { Agent } from '../agent.ts';
import { AGENT_ANSWER_SCHEMA } from '../protocol/agent-answer.ts';
import type { ScenarioTruth } from '../../scenario/scenario-schema.ts';
import { createHeuristicAgent } from './heuristic/heuristic-agent.ts';

/**
 * What a built-in agent may be given beyond the bundle. Only built-ins get it, and only the
 * oracle reads the truth: it exists to calibrate the scores (a perfect agent must score full marks).
 */
export interface BuiltinContext {
  truth: ScenarioTruth;
}

export type BuiltinFactory = (ctx: BuiltinContext) => Agent;

/** `builtin:oracle`: answers from ground truth, so a scorer that does not give it full marks is wrong. */
function createOracleAgent({ truth }: BuiltinContext): Agent {
  return {
    id: 'builtin:oracle',
    async run() {
      if (!truth.bad) return { schema: AGENT_ANSWER_SCHEMA };
      return {
        schema: AGENT_ANSWER_SCHEMA,
        diagnosis: {
          service: truth.service,
          faultClass: truth.faultClass,
          culprit: { file: truth.culprit.file, text: truth.culprit.contains },
          summary: truth.cause,
        },
      };
    },
  };
}

/** `builtin:noop`: answers nothing, so a scorer that gives it credit is wrong. */
function createNoopAgent(): Agent {
  return { id: 'builtin:noop', run: async () => ({ schema: AGENT_ANSWER_SCHEMA }) };
}

export const BUILTIN_AGENTS: Readonly<Record<string, BuiltinFactory>> = {
  heuristic: () => createHeuristicAgent(),
  oracle: createOracleAgent,
  noop: createNoopAgent,
};
