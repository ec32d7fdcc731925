import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChildProcess, type ChildProcessResult } from '../../../util/run-child-process.ts';
import { AgentFailure, type Agent } from '../../agent.ts';
import { AGENT_ANSWER_SCHEMA } from '../../protocol/agent-answer.ts';
import type { IncidentBundle } from '../../protocol/incident-bundle.ts';
import { parseAnswerText } from '../parse-answer.ts';
import { findHolmes, HOLMES_VERSION } from './find-holmes.ts';
import { renderHolmesConfig, renderHolmesPrompt } from './holmes-config.ts';

export interface HolmesOptions {
  /** The holmes executable (default: the pinned install, then PATH). */
  binary?: string;
  /** A LiteLLM model name, e.g. `openai/gpt-4o` (an OpenAI-compatible endpoint: `openai/<name>` with baseUrl). */
  model?: string;
  /** An OpenAI-compatible base URL (LiteLLM's OPENAI_API_BASE). */
  baseUrl?: string;
  apiKey?: string;
  apiKeyEnv?: string;
  maxSteps?: number;
}

const OUTPUT_TAIL = 4000;
/** What is kept of its console output while it runs (the journal gets the last OUTPUT_TAIL of it). */
const OUTPUT_KEPT = 256 * 1024;

/**
 * `holmes`: HolmesGPT for real. Its `holmes ask` CLI runs with a config whose Prometheus toolset
 * is the run's toolbox (bearer token in its headers) and everything else that would reach past
 * the drill turned off; its model is any LiteLLM model (an OpenAI-compatible URL in tests). Its
 * answer ends with a JSON block, mapped to a Diagnosis. A fresh HOME per run: no cache leaks
 * between runs.
 */
export function createHolmesAgent(raw: Record<string, unknown>): Agent {
  const options = raw as HolmesOptions;
  const id = 'holmes';
  return {
    id,
    async run(bundle: IncidentBundle, ctx) {
      const binary = options.binary ?? findHolmes();
      if (!binary) throw new AgentFailure('unreachable', `HolmesGPT ${HOLMES_VERSION} is not installed`, { hint: 'bash clusters/tools/install-holmes.sh' });
      const dir = await mkdtemp(join(tmpdir(), 'firedrill-holmes-'));
      try {
        await writeFile(join(dir, 'config.yaml'), renderHolmesConfig(bundle));
        await writeFile(join(dir, 'prompt.txt'), renderHolmesPrompt(bundle));
        const apiKey = options.apiKey ?? process.env[options.apiKeyEnv ?? 'OPENAI_API_KEY'] ?? 'none';
        const args = [
          'ask', '--prompt-file', join(dir, 'prompt.txt'), '--config', join(dir, 'config.yaml'), '--model', options.model ?? 'openai/gpt-4o',
          '--api-key', apiKey, '--no-interactive', '--no-echo', '--bash-always-deny', '--max-steps', String(options.maxSteps ?? 20),
          '--json-output-file', join(dir, 'result.json'),
        ];
        const env: Record<string, string> = { ...(process.env as Record<string, string>), HOME: dir, NO_COLOR: '1', ...(options.baseUrl ? { OPENAI_API_BASE: options.baseUrl } : {}) };
        const { exitCode: code, output, aborted } = await runHolmes(binary, args, env, ctx.signal);
        if (aborted) throw new AgentFailure('timeout', 'holmes was cut off');
        ctx.note('holmes output (tail)', { output: output.slice(-OUTPUT_TAIL) });
        if (code !== 0) throw new AgentFailure('crashed', `holmes exited with code ${code}: ${output.trim().split('\n').slice(-3).join(' | ')}`);
        // The model's own final text (the console shows it re-rendered, fences gone).
        const result = JSON.parse(await readFile(join(dir, 'result.json'), 'utf8').catch(() => '{}')) as { result?: string; total_tokens?: number };
        if (!result.result) throw new AgentFailure('invalid-answer', 'holmes wrote no result (see its output in the journal)');
        if (result.total_tokens) ctx.reportTokens(result.total_tokens);
        const blocks = [...result.result.matchAll(/```json\s*\n([\s\S]*?)\n```/g)];
        const diagnosis = parseAnswerText(blocks.at(-1)?.[1] ?? result.result, 'holmes');
        return { schema: AGENT_ANSWER_SCHEMA, diagnosis };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

async function runHolmes(binary: string, args: string[], env: Record<string, string>, signal: AbortSignal): Promise<ChildProcessResult> {
  try {
    return await runChildProcess({ command: binary, args, env, signal, outputTail: OUTPUT_KEPT });
  } catch (err) {
    throw new AgentFailure('unreachable', (err as Error).message);
  }
}
