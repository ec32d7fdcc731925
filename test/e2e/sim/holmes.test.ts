import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findHolmes, HOLMES_VERSION } from '../../../src/agents/adapters/holmes/find-holmes.ts';
import { executeRun } from '../../../src/runner/execute-run.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { scoreRun } from '../../../src/scoring/score-run.ts';
import { overlayStack } from '../../helpers/agent-stack.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';
import { startStandInModel, type StandInModel } from '../../helpers/stand-in-model.ts';

const holmes = findHolmes();
const reason = `HolmesGPT ${HOLMES_VERSION} is not installed here (bash clusters/tools/install-holmes.sh; .ci/run does it)`;

/**
 * HolmesGPT's real CLI as an L2 agent in a live sim run: its Prometheus toolset is the run's
 * toolbox, its model the stand-in (a scripted OpenAI-compatible server, not a model), which
 * makes Holmes run one PromQL query through its own tool and then answer.
 */
describe.skipIf(!holmes)(`holmes (real CLI) ${holmes ? '' : `- skipped: ${reason}`}`, () => {
  let model: StandInModel | undefined;
  afterAll(() => model?.close());

  it('completes a diagnosis against a live sim run\'s toolbox', async () => {
    model = await startStandInModel((turn, req) => {
      const tool = req.tools?.find((t) => t.function.name === 'execute_prometheus_instant_query');
      if (turn === 0 && tool) {
        return { toolCalls: [{ name: tool.function.name, arguments: { query: 'sum by (service, version) (rate(http_requests_total{code=~"5.."}[1m]))', description: '5xx rate by service and version' } }] };
      }
      return { content: 'The checkout canary throws on carts with a digital item.\n```json\n{"service": "checkout", "faultClass": "code-defect", "culprit": {"file": "services/checkout/tax.js", "text": "CATEGORY_RATES[item.category].reduced"}, "summary": "computeTaxByCategory reads .reduced of an undefined category rate"}\n```' };
    });
    const stack = await loadStack(overlayStack('l2', 'l2-holmes', `agent:\n  use: holmes\n  timeout: 4m\n  options: { model: "openai/stand-in", baseUrl: "${model.url}", apiKey: test, maxSteps: 5 }\n`));
    const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
    const record = await executeRun(scenario, stack, { backend: 'sim', seed: 1 });
    const card = scoreRun(record);
    expect(card.diagnosis, JSON.stringify(record.timeline.filter((e) => e.source === 'agent').slice(-3))).toMatchObject({ agent: 'holmes', status: 'answered', quality: 'exact' });
    // Holmes went through the run's Prometheus API, with the run's token.
    const calls = record.timeline.filter((e) => e.type === 'agent.tool.called');
    expect(calls.some((e) => String(e.tool).startsWith('prometheus /api/v1/query') && e.status === 200)).toBe(true);
    expect(model.requests.some((r) => r.messages.some((m) => m.role === 'tool'))).toBe(true);
  }, 360_000);
});
