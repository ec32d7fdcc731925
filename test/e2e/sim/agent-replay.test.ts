import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeRun } from '../../../src/runner/execute-run.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { scoreRun } from '../../../src/scoring/score-run.ts';
import { toJsonl } from '../../../src/timeline/timeline.ts';
import { UserInputError } from '../../../src/util/errors.ts';
import { overlayStack } from '../../helpers/agent-stack.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';
import { SCRIPTS, startStandInModel } from '../../helpers/stand-in-model.ts';

describe('--agent-record then --agent-replay of an openai: agent', () => {
  it('replays offline to a byte-identical timeline; a changed scenario fails naming what changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-replay-'));
    const answer = { diagnosis: { service: 'checkout', faultClass: 'code-defect', summary: 'tax engine throws', culprit: { file: 'services/checkout/tax.js', text: 'CATEGORY_RATES[item.category].reduced' } } };
    const model = await startStandInModel(SCRIPTS.correct(answer));
    // Charged its measured wall time: the one thing a live LLM agent's timeline cannot repeat by itself.
    const stack = await loadStack(overlayStack('l2', 'l2-llm', `agent:\n  use: "openai:stand-in"\n  time: measured\n  options: { baseUrl: "${model.url}", apiKey: test }\n`));
    const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
    const recorded = await executeRun(scenario, stack, { backend: 'sim', seed: 2, agentRecording: { mode: 'record', dir } });
    await model.close();
    expect(readdirSync(dir)).toEqual(['error-spike--l2-llm--seed-2.json']);
    const replayed = await executeRun(scenario, stack, { backend: 'sim', seed: 2, agentRecording: { mode: 'replay', dir } });
    expect(toJsonl(replayed.timeline)).toBe(toJsonl(recorded.timeline));
    expect(toJsonl(recorded.timeline)).toMatch(/"clock.held".*"charge":"wall","wallMs":\d+/);
    const card = scoreRun(replayed);
    expect(card.diagnosis).toMatchObject({ quality: 'exact', replayed: true, toolCalls: 2 });
    expect(scoreRun(recorded).diagnosis?.replayed).toBe(false);

    const changed = { ...scenario, deploy: { ...scenario.deploy, message: 'checkout: a different change' } };
    const err = await executeRun(changed, stack, { backend: 'sim', seed: 2, agentRecording: { mode: 'replay', dir } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserInputError);
    expect((err as Error).message).toMatch(/no longer matches the recording/);
    expect((err as Error).message).toMatch(/change\.message: "checkout: per-category.* -> "checkout: a different change"/);
  }, 120_000);
});
