import { UserInputError } from '../util/errors.ts';
import type { Agent } from './agent.ts';
import { BUILTIN_AGENTS, type BuiltinContext } from './builtin/builtin-agents.ts';

/**
 * The agent a stack names. `builtin:<name>` are firedrill's own (the reference diagnostician,
 * and the oracle and noop that calibrate the scores); other schemes are adapters that reach an
 * agent by protocol.
 */
export function createAgent(use: string, options: Record<string, unknown>, builtin: BuiltinContext): Agent {
  const [scheme, ...rest] = use.split(':');
  const target = rest.join(':');
  if (scheme === 'builtin') {
    const factory = BUILTIN_AGENTS[target];
    if (!factory) throw new UserInputError(`unknown built-in agent "${use}"`, { hint: `built-in agents: ${Object.keys(BUILTIN_AGENTS).map((n) => `builtin:${n}`).join(', ')}` });
    return factory(builtin);
  }
  void options;
  throw new UserInputError(`agent adapter "${scheme}" is not available in this build`, { hint: 'use builtin:heuristic' });
}
