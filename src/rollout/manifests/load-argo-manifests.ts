import type { AnalysisTemplateLike } from '../analysis/types.ts';
import type { ConfigIssue } from '../../util/errors.ts';
import type { YamlPath } from '../../config/path-issue.ts';
import { locateIssues, parseYamlSources, sortByPosition, type YamlSource } from '../../config/yaml-source.ts';
import { parseRolloutDocument } from '../spec/parse-rollout.ts';
import { readString } from '../spec/raw-access.ts';
import type { RolloutObject } from '../spec/rollout-types.ts';
import { validateAnalysisDocument } from '../analysis/index.ts';
import { checkRolloutReferences } from './rollout-references.ts';
import { checkServiceReferences } from './service-references.ts';

/**
 * A YAML file of Argo Rollouts manifests (one or many documents, as in Argo's docs) -> the objects
 * a drill runs, plus every problem at once. Plain Kubernetes kinds a drill does not need
 * (Service, Ingress, VirtualService, ...) are accepted and listed as ignored. Never throws.
 */
export interface IgnoredManifest {
  document: number;
  apiVersion: string;
  kind: string;
  name?: string;
}

export interface ArgoManifests {
  rollouts: RolloutObject[];
  analysisTemplates: AnalysisTemplateLike[];
  clusterAnalysisTemplates: AnalysisTemplateLike[];
  ignored: IgnoredManifest[];
  issues: ConfigIssue[];
}

export interface LoadArgoManifestsOptions {
  /**
   * Report templates referenced but absent from this file. Off by default, like
   * `kubectl argo rollouts lint`: templates often live in another file. Templates that are present
   * are always checked against the rollout.
   */
  requireTemplates?: boolean;
}

export const SUPPORTED_KINDS = 'supported kinds: Rollout, AnalysisTemplate, ClusterAnalysisTemplate (other Kubernetes kinds are ignored)';

export function loadArgoManifests(text: string, file: string, opts: LoadArgoManifestsOptions = {}): ArgoManifests {
  // Dedent: Argo's doc pages indent whole manifests (separators included) inside lists.
  const parsed = parseYamlSources(text, file, { dedent: true });
  const out: ArgoManifests = { rollouts: [], analysisTemplates: [], clusterAnalysisTemplates: [], ignored: [], issues: [...parsed.issues] };
  const rolloutDocs: [YamlSource, RolloutObject | undefined][] = [];
  const services: unknown[] = [];
  for (const d of parsed.sources) {
    const kind = readString(d.value, ['kind']);
    const apiVersion = readString(d.value, ['apiVersion']);
    if (!kind || !apiVersion) {
      out.issues.push(...describeMissingType(d, kind, apiVersion));
      continue;
    }
    if (!apiVersion.startsWith('argoproj.io/')) {
      if (kind === 'Service') services.push(d.value);
      out.ignored.push({ document: d.index, apiVersion, kind, ...nameOf(d.value) });
      continue;
    }
    if (kind === 'Rollout') {
      const res = parseRolloutDocument(d.value);
      out.issues.push(...sortByPosition(locateIssues(res.issues, d)));
      rolloutDocs.push([d, res.rollout]);
    } else if (kind === 'AnalysisTemplate' || kind === 'ClusterAnalysisTemplate') {
      // The analysis engine owns these kinds (src/rollout/analysis).
      const res = validateAnalysisDocument(d.value, { source: d });
      out.issues.push(...res.issues);
      if (res.object && res.object.kind !== 'AnalysisRun') {
        (res.object.kind === 'AnalysisTemplate' ? out.analysisTemplates : out.clusterAnalysisTemplates).push(res.object);
      }
    } else {
      out.issues.push(...locateIssues([{ path: ['kind'], message: describeUnsupportedKind(kind), hint: SUPPORTED_KINDS }], d));
    }
  }
  checkAcrossDocuments(file, out, rolloutDocs, services, opts.requireTemplates ?? false);
  return out;
}

function checkAcrossDocuments(
  file: string,
  out: ArgoManifests,
  rolloutDocs: [YamlSource, RolloutObject | undefined][],
  services: unknown[],
  requireAll: boolean,
): void {
  const seen = new Set<string>();
  for (const [d, rollout] of rolloutDocs) {
    const issues = checkServiceReferences(d.value, services);
    if (rollout) {
      issues.push(...checkRolloutReferences(rollout, out, { requireAll }));
      if (seen.has(rollout.name)) issues.push({ path: ['metadata', 'name'], message: `duplicate Rollout name "${rollout.name}" in this file` });
      seen.add(rollout.name);
    }
    out.issues.push(...locateIssues(issues, d));
    if (rollout && issues.length === 0) out.rollouts.push(rollout);
  }
  for (const list of [out.analysisTemplates, out.clusterAnalysisTemplates]) {
    const names = list.map((t) => t.name);
    for (const [i, name] of names.entries()) {
      if (names.indexOf(name) !== i) out.issues.push({ file, path: 'metadata.name', message: `duplicate ${list[i].kind} name "${name}" in this file` });
    }
  }
}

function describeUnsupportedKind(kind: string): string {
  if (kind === 'AnalysisRun') {
    return 'an AnalysisRun is created by the rollout controller from a Rollout\'s templates; firedrill does not run one directly';
  }
  if (kind === 'Experiment') return 'Experiments are not supported yet';
  return `kind "${kind}" is not supported`;
}

function describeMissingType(d: YamlSource, kind?: string, apiVersion?: string): ConfigIssue[] {
  const hint = 'every document needs apiVersion and kind, e.g. apiVersion: argoproj.io/v1alpha1, kind: Rollout';
  const missing: YamlPath[] = [...(apiVersion ? [] : [['apiVersion']]), ...(kind ? [] : [['kind']])];
  return locateIssues(missing.map((path) => ({ path, message: 'required (expected string)', hint })), d);
}

function nameOf(value: unknown): { name?: string } {
  const name = readString(value, ['metadata', 'name']);
  return name === undefined ? {} : { name };
}
