import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserInputError } from '../../util/errors.ts';
import type { AgentOutcome } from '../agent.ts';
import type { IncidentBundle } from '../protocol/incident-bundle.ts';
import type { ToolCall } from '../toolbox/run-tool.ts';
import { canonicalJson, sha256Hex } from '../../util/canonical-json.ts';
import { describeDifferences } from './describe-differences.ts';

export const AGENT_EXCHANGE_SCHEMA = 'firedrill.agent-exchange/v1';

/**
 * One agent exchange as `--agent-record` stores it: the bundle (minus the toolbox's per-run URL
 * and token), every tool call with its result, the outcome, and what it cost. `--agent-replay`
 * answers from it without calling the agent: free, offline, and the same journal.
 */
export interface AgentExchange {
  schema: typeof AGENT_EXCHANGE_SCHEMA;
  key: string;
  agent: string;
  bundleHash: string;
  bundle: unknown;
  toolCalls: ToolCall[];
  outcome: AgentOutcome;
}

/** What a bundle is, for a replay: everything but the toolbox's per-run address and token. */
export function stableBundle(bundle: IncidentBundle): unknown {
  const { url: _u, token: _t, mcpUrl: _m, ...toolbox } = bundle.toolbox;
  return { ...bundle, toolbox };
}

export function hashBundle(bundle: IncidentBundle): string {
  return sha256Hex(canonicalJson(stableBundle(bundle)));
}

export async function writeExchange(dir: string, exchange: Omit<AgentExchange, 'schema'>): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${exchange.key}.json`);
  // Keys in the order the run made them (a deterministic order): a replay re-emits the answer
  // exactly as it was journaled. The bundle's hash is over its canonical (sorted) form.
  await writeFile(file, `${JSON.stringify({ schema: AGENT_EXCHANGE_SCHEMA, ...exchange }, null, 2)}\n`);
  return file;
}

/**
 * The recorded exchange for this run, checked against the bundle the run produced now. A missing
 * recording, or one whose bundle differs, is the user's error: it names what changed.
 */
export async function readExchange(dir: string, key: string, bundle: IncidentBundle): Promise<AgentExchange> {
  const file = join(dir, `${key}.json`);
  let stored: AgentExchange;
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as AgentExchange;
  } catch (err) {
    throw new UserInputError(`--agent-replay: no recorded exchange ${file}: ${(err as Error).message}`, {
      hint: 'record it first with --agent-record on the same scenario, stack and seed',
    });
  }
  if (stored.schema !== AGENT_EXCHANGE_SCHEMA) throw new UserInputError(`${file}: not a firedrill agent exchange (schema ${String(stored.schema)})`);
  const hash = hashBundle(bundle);
  if (stored.bundleHash !== hash) {
    const changes = describeDifferences(stored.bundle, JSON.parse(canonicalJson(stableBundle(bundle))));
    throw new UserInputError(`--agent-replay: the incident bundle no longer matches the recording ${file}:\n  ${changes.join('\n  ')}`, {
      hint: 'the scenario, stack, testbed or firedrill changed since it was recorded: record it again with --agent-record',
    });
  }
  return stored;
}
