import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WallClock } from '../../../src/clock/index.ts';
import { PrometheusHttpSource } from '../../../src/metrics/prometheus-client.ts';
import {
  buildAnalysisRunSpec, isCompletedPhase, parseAnalysisYaml, resolveTemplateRefs, startAnalysisRun,
  type AnalysisRunSpec, type AnalysisRunStatus, type AnalysisTemplateLike,
} from '../../../src/rollout/analysis/index.ts';
import { createPrometheusProvider } from '../../../src/rollout/analysis/providers/prometheus-provider.ts';
import { callKube, pollUntil, type KubeConnection } from '../../../src/world/cluster/control-plane/index.ts';
import { SHARED_DIR } from '../../helpers/paths.ts';
import type { ScriptedPrometheus, ScriptedValue } from './scripted-prometheus.ts';

export const EXAMPLES_DIR = resolve(SHARED_DIR, 'conformance/argo/examples');

/**
 * One AnalysisTemplate example run by both engines: the template as the documentation has it,
 * with two rewrites only: every metric's `interval` becomes INTERVAL (the examples say 5m) and
 * its Prometheus `address` becomes a per-engine, per-metric scripted server on 127.0.0.1.
 */
export interface ComparisonCase {
  id: string;
  file: string;
  template: string;
  /** The rollout's args (the examples leave `service-name` to the rollout). */
  args: Record<string, string>;
  /** Per metric, the values its queries return, in order. */
  scripts: Record<string, ScriptedValue[]>;
  /** Per metric, an interval other than INTERVAL (see rates-nested). */
  intervals?: Record<string, string>;
}

export const INTERVAL = '2s';

/** What both engines must agree on. */
export interface RunOutcome {
  phase: string;
  message: string;
  metrics: { name: string; phase: string; message: string; count: number; failed: number; successful: number; inconclusive: number; error: number; measurements: string[] }[];
}

/** The run spec a rollout would create from the example (firedrill's build, which the recorded-object tests check). */
export function buildCaseSpec(c: ComparisonCase): AnalysisRunSpec {
  const { objects, issues } = parseAnalysisYaml(readFileSync(resolve(EXAMPLES_DIR, c.file), 'utf8'), { file: c.file });
  if (issues.length > 0) throw new Error(`${c.file}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  const catalog = objects.filter((o): o is AnalysisTemplateLike => o.kind !== 'AnalysisRun').map((t) => structuredClone(t));
  for (const t of catalog) for (const m of t.spec.metrics) if (m.interval !== undefined) m.interval = c.intervals?.[m.name] ?? INTERVAL;
  const { templates } = resolveTemplateRefs([{ templateName: c.template }], catalog);
  return buildAnalysisRunSpec({ templates, args: Object.entries(c.args).map(([name, value]) => ({ name, value })) });
}

/** The spec with each metric pointed at its own scripted address for `engine`. */
export function scriptSpec(spec: AnalysisRunSpec, c: ComparisonCase, engine: 'argo' | 'builtin', prom: ScriptedPrometheus): AnalysisRunSpec {
  const copy = structuredClone(spec);
  for (const m of copy.metrics) {
    const values = c.scripts[m.name];
    if (!values || !m.provider.prometheus) throw new Error(`case ${c.id}: no script for metric ${m.name} (or not a prometheus metric)`);
    m.provider.prometheus.address = prom.script(`${c.id}/${engine}/${m.name}`, values);
  }
  return copy;
}

/** Creates the AnalysisRun in the cluster; the real controller runs it. Resolves with its final status. */
export async function runOnArgo(conn: KubeConnection, name: string, spec: AnalysisRunSpec, timeoutMs: number): Promise<RunOutcome> {
  const path = '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns';
  await callKube(conn, 'POST', path, { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', metadata: { name }, spec });
  const status = await pollUntil(`Argo to complete AnalysisRun ${name}`, async () => {
    const { body } = await callKube<{ status?: ArgoStatus }>(conn, 'GET', `${path}/${name}`);
    return body.status?.phase && isCompletedPhase(body.status.phase as never) ? body.status : undefined;
  }, { timeoutMs, everyMs: 250 });
  return outcomeOf(status);
}

/** The same spec through the built-in engine on the wall clock, its Prometheus provider on each metric's address. */
export async function runOnBuiltin(name: string, spec: AnalysisRunSpec, timeoutMs: number): Promise<RunOutcome> {
  const handle = startAnalysisRun({
    name,
    spec,
    clock: new WallClock(),
    metrics: new PrometheusHttpSource({ baseUrl: 'http://127.0.0.1:9' }),
    emit: () => {},
    providerFactory: (metric) => createPrometheusProvider(metric, new PrometheusHttpSource({ baseUrl: metric.provider.prometheus!.address! })),
  });
  const timer = setTimeout(() => handle.stop(), timeoutMs);
  const status = await handle.done;
  clearTimeout(timer);
  return outcomeOf(status);
}

type ArgoStatus = Pick<AnalysisRunStatus, 'phase' | 'message'> & { metricResults?: AnalysisRunStatus['metricResults'] };

function outcomeOf(status: ArgoStatus): RunOutcome {
  return {
    phase: status.phase,
    message: status.message ?? '',
    metrics: [...(status.metricResults ?? [])]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((r) => ({
        name: r.name,
        phase: r.phase,
        message: r.message ?? '',
        count: r.count ?? 0,
        successful: r.successful ?? 0,
        failed: r.failed ?? 0,
        inconclusive: r.inconclusive ?? 0,
        error: r.error ?? 0,
        measurements: (r.measurements ?? []).map((m) => `${m.phase}${m.value === undefined ? '' : ` ${m.value}`}${m.message ? ` (${m.message})` : ''}`),
      })),
  };
}

/** Field-by-field differences, `where: argo vs builtin`. */
export function diffOutcomes(argo: RunOutcome, builtin: RunOutcome): string[] {
  const out: string[] = [];
  const cmp = (where: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${where}: argo ${JSON.stringify(a)} vs builtin ${JSON.stringify(b)}`);
  };
  cmp('phase', argo.phase, builtin.phase);
  cmp('message', argo.message, builtin.message);
  cmp('metrics', argo.metrics.map((m) => m.name), builtin.metrics.map((m) => m.name));
  for (const a of argo.metrics) {
    const b = builtin.metrics.find((m) => m.name === a.name);
    if (!b) continue;
    for (const key of ['phase', 'message', 'count', 'successful', 'failed', 'inconclusive', 'error', 'measurements'] as const) cmp(`${a.name}.${key}`, a[key], b[key]);
  }
  return out;
}
