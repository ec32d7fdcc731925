import type { AnalysisTemplateLike } from '../analysis/types.ts';
import type { ConfigIssue } from '../../util/errors.ts';
import { parseRolloutDocument } from '../spec/parse-rollout.ts';
import { readString } from '../spec/raw-access.ts';
import type { RolloutObject } from '../spec/rollout-types.ts';
import { validateAnalysisDocument } from '../analysis/index.ts';
import { checkRolloutReferences } from './rollout-references.ts';
import { checkServiceReferences } from './service-references.ts';
import { locateIssue, parseManifestText, type ManifestDocument, type ParsedManifestText } from './yaml-documents.ts';

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
  const parsed = parseManifestText(text, file);
  const out: ArgoManifests = { rollouts: [], analysisTemplates: [], clusterAnalysisTemplates: [], ignored: [], issues: [...parsed.issues] };
  const rolloutDocs: [ManifestDocument, RolloutObject | undefined][] = [];
  const services: unknown[] = [];
  for (const d of parsed.documents) {
    const kind = readString(d.value, ['kind']);
    const apiVersion = readString(d.value, ['apiVersion']);
    if (!kind || !apiVersion) {
      out.issues.push(...describeMissingType(parsed, d, kind, apiVersion));
      continue;
    }
    if (!apiVersion.startsWith('argoproj.io/')) {
      if (kind === 'Service') services.push(d.value);
      out.ignored.push({ document: d.index, apiVersion, kind, ...nameOf(d.value) });
      continue;
    }
    if (kind === 'Rollout') {
      const res = parseRolloutDocument(d.value);
      out.issues.push(...sortByPosition(res.issues.map((i) => locateIssue(parsed, d, i.path, i.message, i.hint, i.atKey))));
      rolloutDocs.push([d, res.rollout]);
    } else if (kind === 'AnalysisTemplate' || kind === 'ClusterAnalysisTemplate') {
      // The analysis engine owns these kinds (src/rollout/analysis).
      const res = validateAnalysisDocument(d.doc, { file, lineCounter: parsed.lineCounter });
      out.issues.push(...res.issues.map((i) => ({ ...i, ...(i.column !== undefined ? { column: i.column + parsed.indent } : {}) })));
      if (res.object && res.object.kind !== 'AnalysisRun') {
        (res.object.kind === 'AnalysisTemplate' ? out.analysisTemplates : out.clusterAnalysisTemplates).push(res.object);
      }
    } else {
      out.issues.push(locateIssue(parsed, d, ['kind'], describeUnsupportedKind(kind), SUPPORTED_KINDS));
    }
  }
  checkAcrossDocuments(parsed, out, rolloutDocs, services, opts.requireTemplates ?? false);
  return out;
}

function checkAcrossDocuments(
  parsed: ParsedManifestText,
  out: ArgoManifests,
  rolloutDocs: [ManifestDocument, RolloutObject | undefined][],
  services: unknown[],
  requireAll: boolean,
): void {
  const seen = new Set<string>();
  for (const [d, rollout] of rolloutDocs) {
    const located = (path: (string | number)[], message: string, hint?: string): ConfigIssue => locateIssue(parsed, d, path, message, hint);
    const issues = checkServiceReferences(d.value, services).map((i) => located(i.path, i.message, i.hint));
    if (rollout) {
      issues.push(...checkRolloutReferences(rollout, out, { requireAll }).map((i) => located(i.path, i.message, i.hint)));
      if (seen.has(rollout.name)) issues.push(located(['metadata', 'name'], `duplicate Rollout name "${rollout.name}" in this file`));
      seen.add(rollout.name);
    }
    out.issues.push(...issues);
    if (rollout && issues.length === 0) out.rollouts.push(rollout);
  }
  for (const list of [out.analysisTemplates, out.clusterAnalysisTemplates]) {
    const names = list.map((t) => t.name);
    for (const [i, name] of names.entries()) {
      if (names.indexOf(name) !== i) out.issues.push({ file: parsed.file, path: 'metadata.name', message: `duplicate ${list[i].kind} name "${name}" in this file` });
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

function describeMissingType(parsed: ParsedManifestText, d: ManifestDocument, kind?: string, apiVersion?: string): ConfigIssue[] {
  const hint = 'every document needs apiVersion and kind, e.g. apiVersion: argoproj.io/v1alpha1, kind: Rollout';
  const issues: ConfigIssue[] = [];
  if (!apiVersion) issues.push(locateIssue(parsed, d, ['apiVersion'], 'required (expected string)', hint));
  if (!kind) issues.push(locateIssue(parsed, d, ['kind'], 'required (expected string)', hint));
  return issues;
}

/** In reading order: the schema's and the rules' issues interleave by where they are. */
function sortByPosition(issues: ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function nameOf(value: unknown): { name?: string } {
  const name = readString(value, ['metadata', 'name']);
  return name === undefined ? {} : { name };
}
