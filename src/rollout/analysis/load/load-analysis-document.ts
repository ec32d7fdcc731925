/**
 * Loading AnalysisTemplate, ClusterAnalysisTemplate and AnalysisRun objects from parsed YAML,
 * reporting every problem at once with its YAML path (and line:column when the caller passes a
 * `yaml` Document and its LineCounter), for `firedrill validate`.
 */
import { isDocument, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { ConfigError, type ConfigIssue } from '../../../util/errors.ts';
import type { AnalysisRunObject, AnalysisTemplateLike, Metric } from '../types.ts';
import { objectEnvelopeSchema, runSpecSchema, templateSpecSchema } from './analysis-schema.ts';
import { checkArgs, checkMetric } from './check-analysis-spec.ts';
import { locateIssues } from './locate-issues.ts';
import { zodIssuesToConfigIssues } from './zod-issues.ts';

export interface LoadOptions {
  file?: string;
  /** With a `yaml` Document as `doc`: turns YAML paths into line:column. */
  lineCounter?: LineCounter;
}

export type LoadedAnalysisObject = AnalysisTemplateLike | AnalysisRunObject;

export const ANALYSIS_KINDS = ['AnalysisTemplate', 'ClusterAnalysisTemplate', 'AnalysisRun'];

export function validateAnalysisDocument(doc: unknown, opts: LoadOptions = {}): { object?: LoadedAnalysisObject; issues: ConfigIssue[] } {
  const yamlDoc = isDocument(doc) ? (doc as Document) : undefined;
  const data: unknown = yamlDoc ? yamlDoc.toJS() : doc;
  const issues: ConfigIssue[] = [];
  const object = collect(data, issues);
  const located = locateIssues(issues, yamlDoc, opts);
  return located.length > 0 ? { issues: located } : { object, issues: [] };
}

function collect(data: unknown, issues: ConfigIssue[]): LoadedAnalysisObject | undefined {
  const envelope = objectEnvelopeSchema.safeParse(data);
  if (!envelope.success) {
    issues.push(...zodIssuesToConfigIssues(envelope.error.issues, ''));
    return undefined;
  }
  const { kind, metadata } = envelope.data;
  const schema = kind === 'AnalysisRun' ? runSpecSchema : templateSpecSchema;
  const spec = schema.safeParse(envelope.data.spec ?? {});
  if (!spec.success) {
    issues.push(...zodIssuesToConfigIssues(spec.error.issues, 'spec'));
    return undefined;
  }
  const metrics: Metric[] = (spec.data.metrics ?? []).map((m, i) => checkMetric(m, `spec.metrics[${i}]`, issues));
  checkArgs(spec.data.args ?? [], 'spec.args', issues);
  const base = { name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) };
  if (kind === 'AnalysisRun') return { kind, ...base, spec: { ...spec.data, metrics } } as AnalysisRunObject;
  return { kind, ...base, spec: { ...spec.data, metrics } } as AnalysisTemplateLike;
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
 * Service, ...) are skipped without an issue; YAML syntax errors are issues.
 */
export function parseAnalysisYaml(text: string, opts: { file?: string } = {}): { objects: LoadedAnalysisObject[]; issues: ConfigIssue[] } {
  const lineCounter = new LineCounter();
  const { text: body, indent } = dedent(text);
  const docs = parseAllDocuments(body, { lineCounter });
  const objects: LoadedAnalysisObject[] = [];
  const issues: ConfigIssue[] = [];
  for (const [index, doc] of (Array.isArray(docs) ? docs : [docs]).entries()) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const pos = lineCounter.linePos(e.pos[0]);
        issues.push({ file: opts.file, path: `<document ${index}>`, line: pos.line, column: pos.col, message: e.message.split('\n')[0], hint: 'fix the YAML syntax first' });
      }
      continue;
    }
    const kind = (doc.toJS() as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !ANALYSIS_KINDS.includes(kind)) continue;
    const result = validateAnalysisDocument(doc, { file: opts.file, lineCounter });
    if (result.object) objects.push(result.object);
    issues.push(...result.issues);
  }
  if (indent > 0) for (const issue of issues) if (issue.column !== undefined) issue.column += indent;
  return { objects, issues };
}

/**
 * Snippets copied from a list in a web page are indented as a whole (including their `---`
 * separators, which YAML only recognises at column 0): strip the common indentation first.
 */
function dedent(text: string): { text: string; indent: number } {
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const indent = indents.length ? Math.min(...indents) : 0;
  if (indent === 0) return { text, indent };
  return { text: lines.map((l) => l.slice(Math.min(indent, /^ */.exec(l)?.[0].length ?? 0))).join('\n'), indent };
}
