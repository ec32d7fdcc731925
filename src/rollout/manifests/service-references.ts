import type { PathIssue, YamlPath } from '../../config/path-issue.ts';
import { readAt, readRecord, readString, readStringMap } from '../spec/raw-access.ts';

/**
 * The cross-document check of `kubectl argo rollouts lint` that needs no cluster
 * (`pkg/apis/rollouts/validation/validation_references.go:ValidateService`): a Service named by
 * the rollout (canary, stable, ping, pong) that is in the same file must select the rollout's
 * pods. Only `rollouts-pod-template-hash` may differ (the controller injects it).
 */
const SERVICE_FIELDS: { field: YamlPath; name: (doc: unknown) => string | undefined }[] = [
  { field: ['spec', 'strategy', 'canary', 'canaryService'], name: (d) => readString(d, ['spec', 'strategy', 'canary', 'canaryService']) },
  { field: ['spec', 'strategy', 'canary', 'stableService'], name: (d) => readString(d, ['spec', 'strategy', 'canary', 'stableService']) },
  { field: ['spec', 'strategy', 'canary', 'pingPong', 'pingService'], name: (d) => readString(d, ['spec', 'strategy', 'canary', 'pingPong', 'pingService']) },
  { field: ['spec', 'strategy', 'canary', 'pingPong', 'pongService'], name: (d) => readString(d, ['spec', 'strategy', 'canary', 'pingPong', 'pongService']) },
];

export function checkServiceReferences(rolloutDoc: unknown, serviceDocs: unknown[]): PathIssue[] {
  const issues: PathIssue[] = [];
  const podLabels = readStringMap(rolloutDoc, ['spec', 'template', 'metadata', 'labels']);
  for (const { field, name } of SERVICE_FIELDS) {
    const svcName = name(rolloutDoc);
    if (!svcName) continue;
    const svc = serviceDocs.find((s) => readString(s, ['metadata', 'name']) === svcName);
    if (!svc) continue;
    const selector = readRecord(readAt(svc, ['spec', 'selector'])) ?? {};
    for (const [key, value] of Object.entries(selector)) {
      if (key === 'rollouts-pod-template-hash') continue;
      if (podLabels[key] !== value) {
        issues.push({ path: field, message: `Service "${svcName}" has unmatch label "${key}" in rollout` });
      }
    }
  }
  return issues;
}
