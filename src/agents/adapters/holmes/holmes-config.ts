import type { IncidentBundle } from '../../protocol/incident-bundle.ts';

/**
 * HolmesGPT's built-in toolsets that would reach past the drill (a Kubernetes API, a shell, the
 * internet, cloud CLIs): turned off, so Holmes works only through the run's Prometheus API. Any
 * toolset it knows beyond these stays as Holmes ships it.
 */
const OFF = [
  'kubernetes/core', 'kubernetes/logs', 'kubernetes/live-metrics', 'kubernetes/kube-prometheus-stack',
  'bash', 'internet', 'connectivity_check', 'docker/core', 'aks/core', 'aks/node-health', 'kubevela/core', 'crossplane/core',
  'robusta', 'notion', 'opensearch/query_assist', 'helm/core', 'argocd/core', 'openshift/core', 'cilium/core',
];

/** Holmes's config file: its Prometheus toolset pointed at the run's toolbox, with the bearer token. */
export function renderHolmesConfig(bundle: IncidentBundle): string {
  const lines = ['toolsets:'];
  lines.push('  prometheus/metrics:', '    enabled: true', '    config:', `      prometheus_url: "${bundle.toolbox.url}/"`);
  lines.push('      additional_headers:', `        Authorization: "Bearer ${bundle.toolbox.token}"`);
  for (const name of OFF) lines.push(`  ${name}:`, '    enabled: false');
  return `${lines.join('\n')}\n`;
}

/**
 * The question Holmes is asked: the incident as the bundle tells it (signal, change, logs,
 * topology), and the answer format firedrill reads back (a JSON block at the end).
 */
export function renderHolmesPrompt(bundle: IncidentBundle): string {
  const logs = bundle.logs.slice(0, 15).map((g) => `- ${g.service} (${g.version}) ${g.level} x${g.count}: ${g.message}`).join('\n');
  const topology = bundle.topology.services.map((s) => `- ${s.name} -> ${s.dependencies.map((d) => d.service).join(', ') || '(none)'}`).join('\n');
  return [
    `A deploy of ${bundle.change.service} (commit ${bundle.change.commit.slice(0, 12)}, "${bundle.change.message.split('\n')[0]}" by ${bundle.change.author}) was followed by: ${bundle.detection.summary}`,
    '',
    'Investigate with the Prometheus tools. Series: http_requests_total and http_request_duration_seconds_bucket (labels service, version=stable|canary, route, code), dependency_requests_total (service, version, target, outcome), dependency_retries_total, service_busy_workers, service_workers, service_queue_depth. Query without a time: the default time is the incident\'s.',
    '',
    'Service topology (caller -> dependencies):', topology, '',
    'Logs since the deploy (grouped):', logs || '(none)', '',
    'The change (unified diff):', '```diff', bundle.change.diff.slice(0, 20_000), '```', '',
    'Find the service where the cause lives (not where the symptom shows), the fault class, and the offending line of the change.',
    'End your answer with exactly one JSON block:',
    '```json',
    '{"service": "...", "faultClass": "code-defect|latency-regression|retry-amplification|config-error|resource-exhaustion|dependency-failure", "culprit": {"file": "...", "line": 0, "text": "..."}, "summary": "..."}',
    '```',
  ].join('\n');
}
