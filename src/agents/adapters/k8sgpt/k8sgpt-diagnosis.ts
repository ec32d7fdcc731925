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
 * K8sGPT runs its analyzers concurrently, so its results come in any order: they are read in
 * this one, the resources nearest the fault first (a pod's own failure says more than the
 * Service it leaves without endpoints), then by name.
 */
const KIND_ORDER = ['Pod', 'ReplicaSet', 'Deployment', 'StatefulSet', 'PersistentVolumeClaim', 'Service'];

type Finding = { result: K8sGptResult; service: string };

/**
 * Maps K8sGPT's findings to a Diagnosis where it can: the deployed service if any finding names
 * it, else the service of the first finding; its class from the first of its findings whose
 * failure text a rule knows; the AI explanation (or that text) as the summary. K8sGPT names no
 * file, so there is no culprit. No finding on a testbed service is an answer too (K8sGPT ran and
 * saw nothing wrong there): no diagnosis, and the reason why.
 */
export function toDiagnosis(output: K8sGptOutput, topology: { services: string[]; deployService: string }): { diagnosis: Diagnosis } | { reason: string } {
  const findings = (output.results ?? [])
    .map((r) => ({ result: r, service: serviceOf(r, topology.services) }))
    .filter((f): f is Finding => f.service !== undefined)
    .sort(compareFindings);
  if (findings.length === 0) {
    const why = output.status === 'OK' ? 'K8sGPT found no problems' : `none of K8sGPT's ${output.problems} findings names a service of the testbed (${topology.services.join(', ')})`;
    return { reason: `no diagnosis: ${why}` };
  }
  const service = findings.some((f) => f.service === topology.deployService) ? topology.deployService : findings[0].service;
  const own = findings.filter((f) => f.service === service);
  const classified = own.map((f) => classify(f.result)).find((c) => c !== undefined);
  const chosen = classified?.result ?? own[0].result;
  const explained = /^Error:\s*(.+)$/m.exec(chosen.details)?.[1]?.trim();
  return {
    diagnosis: {
      service,
      faultClass: classified?.faultClass ?? 'code-defect',
      summary: explained || classified?.text || chosen.error?.[0]?.Text || `${chosen.kind} ${chosen.name} has problems`,
      evidence: findings.flatMap((f) => (f.result.error ?? []).map((e) => `${f.result.kind} ${f.result.name}: ${e.Text}`)),
    },
  };
}

/** The first rule (in CLASS_RULES' order) that one of the finding's failure texts matches, and that text. */
function classify(result: K8sGptResult): { result: K8sGptResult; faultClass: Diagnosis['faultClass']; text: string } | undefined {
  const texts = (result.error ?? []).map((e) => e.Text);
  for (const rule of CLASS_RULES) {
    const text = texts.find((t) => rule.pattern.test(t));
    if (text !== undefined) return { result, faultClass: rule.faultClass, text };
  }
  return undefined;
}

function compareFindings(a: Finding, b: Finding): number {
  const rank = (f: Finding): number => {
    const i = KIND_ORDER.indexOf(f.result.kind);
    return i < 0 ? KIND_ORDER.length : i;
  };
  return rank(a) - rank(b) || (a.result.name < b.result.name ? -1 : a.result.name > b.result.name ? 1 : 0);
}

/** `testbed/checkout-7d9c6b5f48-9xk2p` -> checkout: the longest service name the resource is named after. */
function serviceOf(result: K8sGptResult, services: string[]): string | undefined {
  const names = [result.name.split('/').pop() ?? result.name, result.parentObject.split('/').pop() ?? ''];
  const matches = services.filter((s) => names.some((n) => n === s || n.startsWith(`${s}-`)));
  return matches.sort((a, b) => b.length - a.length)[0];
}
