import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../../../util/package-root.ts';
import { AgentFailure, type Agent } from '../../agent.ts';
import { agentAnswerSchema } from '../../protocol/agent-answer.ts';
import type { IncidentBundle } from '../../protocol/incident-bundle.ts';
import { TOOLS } from '../../toolbox/tool-table.ts';
import { parseAnswerText } from '../parse-answer.ts';
import { requestCompletion, type ChatMessage, type ChatTool } from './chat-completions.ts';

export interface OpenAiOptions {
  baseUrl?: string;
  apiKey?: string;
  /** An environment variable holding the key (default OPENAI_API_KEY). */
  apiKeyEnv?: string;
  maxTurns?: number;
  temperature?: number;
}

const DEFAULT_MAX_TURNS = 20;
/** A tool result longer than this is cut before it goes back to the model (context is finite). */
const MAX_TOOL_RESULT_CHARS = 30_000;

/**
 * `openai:<model>`: an agent loop on any OpenAI-compatible chat-completions endpoint. The
 * toolbox's tools are the model's function tools (each call goes to the toolbox over HTTP with
 * the run's token, so it counts against the budget); the system prompt lives in the repo
 * (system-prompt.md beside this file). The final answer is validated; a wrong one gets one
 * repair round with the validation errors. An endless tool loop ends at maxTurns.
 */
export function createOpenAiAgent(model: string, options: OpenAiOptions = {}): Agent {
  const baseUrl = options.baseUrl ?? process.env.FIREDRILL_OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
  const apiKey = options.apiKey ?? process.env[options.apiKeyEnv ?? 'OPENAI_API_KEY'];
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  const id = `openai:${model}`;
  const tools: ChatTool[] = TOOLS.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: z.toJSONSchema(t.input) } }));
  return {
    id,
    async run(bundle: IncidentBundle, ctx) {
      const messages: ChatMessage[] = [
        { role: 'system', content: systemPrompt() },
        { role: 'user', content: JSON.stringify(withoutSecrets(bundle)) },
      ];
      let repaired = false;
      for (let turn = 1; turn <= maxTurns; turn++) {
        const reply = await requestCompletion({ baseUrl, apiKey, model, messages, tools, temperature: options.temperature, signal: ctx.signal });
        if (reply.tokens) ctx.reportTokens(reply.tokens);
        messages.push(reply.message);
        const calls = reply.message.tool_calls ?? [];
        if (calls.length > 0) {
          for (const call of calls) messages.push({ role: 'tool', tool_call_id: call.id, content: await callTool(bundle, call.function.name, call.function.arguments, ctx.signal) });
          continue;
        }
        const text = reply.message.content ?? '';
        let problem: string;
        try {
          const parsed = agentAnswerSchema.safeParse(parseAnswerText(text, id));
          if (parsed.success) return parsed.data;
          problem = parsed.error.issues.map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`).join('; ');
        } catch (err) {
          problem = (err as Error).message;
        }
        if (repaired) throw new AgentFailure('invalid-answer', `${id}: the answer is still invalid after one repair round: ${problem}`);
        repaired = true;
        ctx.note(`${id}: invalid answer, asking once for a repair`, { problem: problem.slice(0, 300) });
        messages.push({ role: 'user', content: `Your answer does not match the required JSON (${problem}). Reply with the corrected JSON object only.` });
      }
      throw new AgentFailure('budget-exceeded', `${id}: no final answer after ${maxTurns} turns (a tool loop?)`);
    },
  };
}

let prompt: string | undefined;

function systemPrompt(): string {
  prompt ??= readFileSync(join(packageRoot(), 'src/agents/adapters/openai/system-prompt.md'), 'utf8');
  return prompt;
}

/** The bundle as the model sees it: the toolbox's token stays with firedrill (it makes the calls). */
function withoutSecrets(bundle: IncidentBundle): unknown {
  const { token: _token, ...toolbox } = bundle.toolbox;
  return { ...bundle, toolbox };
}

/** A model's tool call, run against the toolbox over HTTP; errors go back to the model as text. */
async function callTool(bundle: IncidentBundle, name: string, rawArgs: string, signal: AbortSignal): Promise<string> {
  const tool = TOOLS.find((t) => t.name === name);
  if (!tool) return JSON.stringify({ error: `no tool named ${name}; tools: ${TOOLS.map((t) => t.name).join(', ')}` });
  let args: Record<string, unknown>;
  try {
    args = rawArgs.trim() ? (JSON.parse(rawArgs) as Record<string, unknown>) : {};
  } catch (err) {
    return JSON.stringify({ error: `arguments are not JSON: ${(err as Error).message}` });
  }
  const qs = new URLSearchParams(
    Object.entries(args).filter(([, v]) => v !== undefined && v !== null).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  try {
    const res = await fetch(`${bundle.toolbox.url}${tool.path}?${qs}`, { headers: { authorization: `Bearer ${bundle.toolbox.token}` }, signal });
    const text = await res.text();
    return text.length > MAX_TOOL_RESULT_CHARS ? `${text.slice(0, MAX_TOOL_RESULT_CHARS)}... (cut at ${MAX_TOOL_RESULT_CHARS} characters)` : text;
  } catch (err) {
    if (signal.aborted) throw new AgentFailure('timeout', 'cut off during a tool call');
    return JSON.stringify({ error: `toolbox call failed: ${(err as Error).message}` });
  }
}
