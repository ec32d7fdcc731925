/**
 * Loading AnalysisTemplate, ClusterAnalysisTemplate and AnalysisRun objects from parsed YAML,
 * reporting every problem at once with its YAML path (and file:line:column when the caller passes
 * the YamlSource the value came from), for `firedrill validate`.
 */
import { dedupeIssues, type PathIssue } from '../../../config/path-issue.ts';
import { locateIssues, parseYamlSources, sortByPosition, type YamlSource } from '../../../config/yaml-source.ts';
import { checkWithSchema } from '../../../config/zod-issues.ts';
import { ConfigError, type ConfigIssue } from '../../../util/errors.ts';
import type { AnalysisRunObject, AnalysisTemplateLike, Metric } from '../types.ts';
import { objectEnvelopeSchema, runSpecSchema, templateSpecSchema } from './analysis-schema.ts';
import { checkArgs, checkMetric, checkMetricTexts } from './check-analysis-spec.ts';

export interface LoadOptions {
  file?: string;
  /** The YAML document `doc` came from: issues get line:column (and its file). */
  source?: YamlSource;
}

export type LoadedAnalysisObject = AnalysisTemplateLike | AnalysisRunObject;

export const ANALYSIS_KINDS = ['AnalysisTemplate', 'ClusterAnalysisTemplate', 'AnalysisRun'];

export function validateAnalysisDocument(doc: unknown, opts: LoadOptions = {}): { object?: LoadedAnalysisObject; issues: ConfigIssue[] } {
  const issues: PathIssue[] = [];
  const object = collect(opts.source ? opts.source.value : doc, issues);
  const located = sortByPosition(locateIssues(dedupeIssues(issues), opts.source, opts.file ?? opts.source?.file));
  return located.length > 0 ? { issues: located } : { object, issues: [] };
}

function collect(data: unknown, issues: PathIssue[]): LoadedAnalysisObject | undefined {
  const envelope = checkWithSchema(objectEnvelopeSchema, data);
  if (!envelope.value) {
    issues.push(...envelope.issues);
    return undefined;
  }
  const { kind, metadata } = envelope.value;
  const schema = kind === 'AnalysisRun' ? runSpecSchema : templateSpecSchema;
  const spec = checkWithSchema(schema, envelope.value.spec ?? {}, { prefix: ['spec'] });
  if (!spec.value) {
    issues.push(...spec.issues);
    const rawMetrics = (envelope.value.spec as { metrics?: unknown } | undefined)?.metrics;
    if (Array.isArray(rawMetrics)) rawMetrics.forEach((m, i) => checkMetricTexts(m, ['spec', 'metrics', i], issues));
    return undefined;
  }
  const metrics: Metric[] = (spec.value.metrics ?? []).map((m, i) => checkMetric(m, ['spec', 'metrics', i], issues));
  checkArgs(spec.value.args ?? [], ['spec', 'args'], issues);
  const base = { name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) };
  if (kind === 'AnalysisRun') return { kind, ...base, spec: { ...spec.value, metrics } } as AnalysisRunObject;
  return { kind, ...base, spec: { ...spec.value, metrics } } as AnalysisTemplateLike;
}

export function loadAnalysisTemplate(doc: unknown, opts: LoadOptions = {}): AnalysisTemplateLike {
  const object = loadChecked(doc, opts);
  if (object.kind === 'AnalysisRun') {
    throw new ConfigError([{ file: opts.file, path: 'kind', message: 'expected AnalysisTemplate or ClusterAnalysisTemplate, got AnalysisRun' }]);
  }
  return object;
}

export function loadAnalysisRun(doc: unknown, opts: LoadOptions = {}): AnalysisRunObject {
  const object = loadChecked(doc, opts);
  if (object.kind !== 'AnalysisRun') {
    throw new ConfigError([{ file: opts.file, path: 'kind', message: `expected AnalysisRun, got ${object.kind}` }]);
  }
  return object;
}

function loadChecked(doc: unknown, opts: LoadOptions): LoadedAnalysisObject {
  const { object, issues } = validateAnalysisDocument(doc, opts);
  if (!object) throw new ConfigError(issues, 'fix the fields named above (firedrill runs the prometheus and web providers)');
  return object;
}

/**
 * Every analysis object in a multi-document YAML text. Documents of other kinds (Rollout,
 * Service, ...) are skipped without an issue; YAML syntax errors are issues. Snippets copied from
 * a list in a web page (indented as a whole) are read too.
 */
export function parseAnalysisYaml(text: string, opts: { file?: string } = {}): { objects: LoadedAnalysisObject[]; issues: ConfigIssue[] } {
  const parsed = parseYamlSources(text, opts.file ?? '', { dedent: true });
  const objects: LoadedAnalysisObject[] = [];
  const issues: ConfigIssue[] = [...parsed.issues];
  for (const source of parsed.sources) {
    const kind = (source.value as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !ANALYSIS_KINDS.includes(kind)) continue;
    const result = validateAnalysisDocument(source.value, { source, file: opts.file });
    if (result.object) objects.push(result.object);
    issues.push(...result.issues);
  }
  return { objects, issues };
}
