import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toDiagnosis } from '../../../src/agents/adapters/k8sgpt/k8sgpt-diagnosis.ts';
import { parseK8sGptOutput, type K8sGptOutput } from '../../../src/agents/adapters/k8sgpt/k8sgpt-output.ts';
import { AgentFailure, diagnosisSchema, type Diagnosis } from '../../../src/agents/index.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

const fixture = (name: string): Promise<string> => readFile(join(REPO_ROOT, 'test/fixtures/k8sgpt', name), 'utf8');
const topology = { services: ['frontend', 'checkout', 'payments', 'ledger'], deployService: 'checkout' };

function diagnosisOf(out: K8sGptOutput, on = topology): Diagnosis {
  const verdict = toDiagnosis(out, on);
  if (!('diagnosis' in verdict)) throw new Error(`expected a diagnosis, got: ${verdict.reason}`);
  return verdict.diagnosis;
}

describe('K8sGPT output', () => {
  it('parses analyze --explain --output json and maps the deployed service\'s crash to a code defect', async () => {
    const out = parseK8sGptOutput(await fixture('crashloop-canary.json'));
    expect(out).toMatchObject({ status: 'ProblemDetected', problems: 2 });
    expect(out.results![0].error![0].Text).toMatch(/^back-off 40s restarting failed container=checkout/);
    const d = diagnosisOf(out);
    expect(diagnosisSchema.parse(d)).toEqual(d);
    expect(d).toMatchObject({ service: 'checkout', faultClass: 'code-defect', summary: 'The checkout container keeps crashing after start, so Kubernetes backs off restarting it.' });
    expect(d.evidence).toEqual([
      expect.stringMatching(/^Pod testbed\/checkout-7d9c6b5f48-9xk2p: back-off 40s/),
      'Service testbed/checkout-canary: Service has not ready endpoints, pods: [Pod/checkout-7d9c6b5f48-9xk2p], expected 1',
    ]);
    expect(d).not.toHaveProperty('culprit');
  });

  it('maps OOMKilled to resource exhaustion on the service that has it, whatever was deployed', async () => {
    const out = parseK8sGptOutput(await fixture('oomkilled-payments.json'));
    expect(out.errors).toEqual(['[HTTPRoute] the server could not find the requested resource']);
    expect(out.results![0].error![0].Sensitive).toEqual([{ Unmasked: 'payments-6f7b9d8c5-l4mzq', Masked: 'cGF5bWVudHMtNmY3YjlkOGM1LWw0bXpx' }]);
    expect(diagnosisOf(out)).toMatchObject({ service: 'payments', faultClass: 'resource-exhaustion' });
  });

  it('reads the findings in a fixed order, whatever order the concurrent analyzers wrote them in', async () => {
    const out = parseK8sGptOutput(await fixture('crashloop-canary.json'));
    const reversed = { ...out, results: [...out.results!].reverse() };
    expect(out.results![0].kind).toBe('Pod');
    // The Service without ready endpoints is the pod's crash seen from outside: the pod's failure classifies it.
    expect(diagnosisOf(reversed)).toEqual(diagnosisOf(out));
    expect(diagnosisOf(reversed).faultClass).toBe('code-defect');
    // Nothing on the deployed service: the first finding in that order names the service.
    expect(diagnosisOf(reversed, { ...topology, deployService: 'ledger' }).service).toBe('checkout');
  });

  it('says why there is no diagnosis', async () => {
    const ok = parseK8sGptOutput(await fixture('no-problems.json'));
    expect(ok.results).toBeNull();
    expect(toDiagnosis(ok, topology)).toEqual({ reason: 'no diagnosis: K8sGPT found no problems' });
    const elsewhere = parseK8sGptOutput(await fixture('crashloop-canary.json'));
    expect(toDiagnosis(elsewhere, { services: ['cart'], deployService: 'cart' })).toEqual({ reason: "no diagnosis: none of K8sGPT's 2 findings names a service of the testbed (cart)" });
  });

  it('rejects what is not its format as an invalid answer', () => {
    expect(() => parseK8sGptOutput('0 Pod(default/x)')).toThrow(AgentFailure);
    expect(() => parseK8sGptOutput('{"status": "Fine", "problems": 0, "results": []}')).toThrow(/status: Invalid option/);
  });
});
