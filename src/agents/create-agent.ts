import { UserInputError } from '../util/errors.ts';
import type { Agent } from './agent.ts';
import { createCommandAgent } from './adapters/command-agent.ts';
import { createHolmesAgent } from './adapters/holmes/holmes-agent.ts';
import { createK8sGptAgent } from './adapters/k8sgpt/k8sgpt-agent.ts';
import { createOpenAiAgent, type OpenAiOptions } from './adapters/openai/openai-agent.ts';
import { createWebhookAgent, type WebhookOptions } from './adapters/webhook-agent.ts';
import { BUILTIN_AGENTS, type BuiltinContext } from './builtin/builtin-agents.ts';

/**
 * The agent a stack names. `builtin:<name>` are firedrill's own (the reference diagnostician,
 * and the oracle and noop that calibrate the scores); the other schemes are adapters that reach
 * an agent by protocol: any executable, a webhook, a chat-completions endpoint, HolmesGPT, K8sGPT.
 */
export function createAgent(use: string, options: Record<string, unknown>, builtin: BuiltinContext): Agent {
  const colon = use.indexOf(':');
  const scheme = colon < 0 ? use : use.slice(0, colon);
  const target = colon < 0 ? '' : use.slice(colon + 1);
  switch (scheme) {
    case 'builtin': {
      const factory = BUILTIN_AGENTS[target];
      if (!factory) throw new UserInputError(`unknown built-in agent "${use}"`, { hint: `built-in agents: ${Object.keys(BUILTIN_AGENTS).map((n) => `builtin:${n}`).join(', ')}` });
      return factory(builtin);
    }
    case 'command':
      return createCommandAgent(target, options as { cwd?: string; env?: Record<string, string> });
    case 'webhook':
      return createWebhookAgent(target, options as WebhookOptions);
    case 'openai':
      return createOpenAiAgent(target, options as OpenAiOptions);
    case 'holmes':
      return createHolmesAgent(options);
    case 'k8sgpt':
      return createK8sGptAgent(options);
    default:
      throw new UserInputError(`unknown agent scheme in "${use}"`, { hint: 'builtin:<name>, command:<program>, webhook:<url>, openai:<model>, holmes or k8sgpt' });
  }
}
