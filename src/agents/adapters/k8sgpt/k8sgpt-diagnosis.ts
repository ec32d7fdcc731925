import { AgentFailure } from '../../agent.ts';
import type { Diagnosis } from '../../protocol/agent-answer.ts';
import type { K8sGptOutput, K8sGptResult } from './k8sgpt-output.ts';

/**
 * What a K8sGPT finding says about the fault class, from the failure texts Kubernetes writes
 * (first match wins). K8sGPT sees resources, not code: a crash is the closest it gets to a code
 * defect, and it cannot tell a latency regression from a slow dependency.
 */
const CLASS_RULES: { pattern: RegExp; faultClass: Diagnosis['faultClass'] }[] = [
  { pattern: /OOMKilled|Insufficient (cpu|memory)|exceeded quota|Evicted/i, faultClass: 'resource-exhaustion' },
  { pattern: /ImagePullBackOff|ErrImagePull|CreateContainerConfigError|configmap .* not found|secret .* not found|invalid/i, faultClass: 'config-error' },
  { pattern: /Readiness probe failed|Liveness probe failed|timed? ?out|deadline exceeded/i, faultClass: 'latency-regression' },
  { pattern: /connection refused|no such host|has not ready endpoints|no endpoints/i, faultClass: 'dependency-failure' },
  { pattern: /CrashLoopBackOff|back-off .* restarting failed container|Error|exit code/i, faultClass: 'code-defect' },
];

/**
 * Maps K8sGPT's findings to a Diagnosis where it can: the finding on the deployed service
 * first, else the first naming a known service; its class from the failure text; the AI
 * explanation (or the failure) as the summary. K8sGPT names no file, so there is no culprit.
 */
export function toDiagnosis(output: K8sGptOutput, topology: { services: string[]; deployService: string }): Diagnosis {
  const findings = (output.results ?? [])
    .map((r) => ({ result: r, service: serviceOf(r, topology.services) }))
    .filter((f): f is { result: K8sGptResult; service: string } => f.service !== undefined);
  if (findings.length === 0) {
    const why = output.status === 'OK' ? 'K8sGPT found no problems' : `none of K8sGPT's ${output.problems} findings names a service of the testbed (${topology.services.join(', ')})`;
    throw new AgentFailure('invalid-answer', `no diagnosis: ${why}`);
  }
  const chosen = findings.find((f) => f.service === topology.deployService) ?? findings[0];
  const texts = (chosen.result.error ?? []).map((e) => e.Text);
  const faultClass = CLASS_RULES.find((rule) => texts.some((t) => rule.pattern.test(t)))?.faultClass ?? 'code-defect';
  const explained = /^Error:\s*(.+)$/m.exec(chosen.result.details)?.[1]?.trim();
  return {
    service: chosen.service,
    faultClass,
    summary: explained || texts[0] || `${chosen.result.kind} ${chosen.result.name} has problems`,
    evidence: findings.flatMap((f) => (f.result.error ?? []).map((e) => `${f.result.kind} ${f.result.name}: ${e.Text}`)),
  };
}

/** `testbed/checkout-7d9c6b5f48-9xk2p` -> checkout: the longest service name the resource is named after. */
function serviceOf(result: K8sGptResult, services: string[]): string | undefined {
  const names = [result.name.split('/').pop() ?? result.name, result.parentObject.split('/').pop() ?? ''];
  const matches = services.filter((s) => names.some((n) => n === s || n.startsWith(`${s}-`)));
  return matches.sort((a, b) => b.length - a.length)[0];
}
