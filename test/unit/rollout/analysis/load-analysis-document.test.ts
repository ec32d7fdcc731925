import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  loadAnalysisRun, loadAnalysisTemplate, parseAnalysisYaml, validateAnalysisDocument,
} from '../../../../src/rollout/analysis/index.ts';
import { ConfigError } from '../../../../src/util/errors.ts';
import { HAS_SHARED, SHARED_DIR } from '../../../helpers/paths.ts';

const template = (spec: unknown, kind = 'AnalysisTemplate') => ({ apiVersion: 'argoproj.io/v1alpha1', kind, metadata: { name: 't' }, spec });
const metric = (extra: Record<string, unknown> = {}) => ({ name: 'm', provider: { prometheus: { query: 'up' } }, ...extra });

describe('loading analysis objects', () => {
  it('loads a template and keeps it as written (defaults are applied where read, like Argo)', () => {
    const t = loadAnalysisTemplate(template({ args: [{ name: 'svc' }], metrics: [metric({ interval: '5m', count: '{{args.n}}' })] }));
    expect(t).toEqual({ kind: 'AnalysisTemplate', name: 't', spec: { args: [{ name: 'svc' }], metrics: [metric({ interval: '5m', count: '{{args.n}}' })] } });
  });

  it('names unsupported providers and fields instead of ignoring them', () => {
    const { issues } = validateAnalysisDocument(template({
      metrics: [
        { name: 'a', provider: { datadog: { query: 'x' } } },
        { name: 'b', provider: { prometheus: { query: 'q', headers: [{ key: 'a', value: 'b' }] } } },
        { name: 'c', provider: {} },
        { name: 'd', provider: { prometheus: { query: 'q' }, web: { url: 'http://x' } } },
        { name: 'e', provider: { prometheus: { query: 'q', bogus: 1 } } },
      ],
    }));
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['spec.metrics[0].provider.datadog', 'provider "datadog" is not supported by firedrill'],
      ['spec.metrics[1].provider.prometheus.headers', 'prometheus.headers is not supported by firedrill: firedrill queries its MetricSource directly, without HTTP headers'],
      ['spec.metrics[2].provider', 'no provider specified'],
      ['spec.metrics[3].provider', 'multiple providers specified (prometheus, web); a metric has exactly one'],
      ['spec.metrics[4].provider.prometheus.bogus', 'unknown field "bogus"'],
    ]);
    expect(issues[0].hint).toBe('firedrill supports the prometheus and web providers');
  });

  it('reports schema problems with YAML paths, all at once', () => {
    const { issues } = validateAnalysisDocument({ apiVersion: 'v1', kind: 'AnalysisTemplate', metadata: { name: 't' }, spec: {}, extra: 1 });
    expect(issues.map((i) => i.path)).toEqual(['apiVersion', 'extra']);
    const bad = validateAnalysisDocument(template({ metrics: [{ name: 'm', count: 1.5, provider: { prometheus: {} }, successCondition: 3 }], args: [{ name: 'p', value: 9090 }] }));
    expect(bad.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'spec.metrics[0].count: expected an integer or a string',
      'spec.metrics[0].successCondition: expected string, got number 3',
      'spec.args[0].value: expected a string (quote numbers, e.g. value: "9090")',
    ]);
  });

  it('applies Argo\'s ValidateMetric, durations and condition syntax when no placeholder hides them', () => {
    const { issues } = validateAnalysisDocument(template({
      metrics: [
        metric({ name: 'a', count: 1, failureLimit: 2 }),
        metric({ name: 'b', interval: '5 minutes' }),
        metric({ name: 'c', successCondition: 'result >' }),
        metric({ name: 'd', failureLimit: -1 }),
        metric({ name: 'e', count: '{{args.n}}', failureLimit: 9, interval: '{{args.i}}' }),
      ],
    }));
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'spec.metrics[0]: count (1) must be >= failureLimit + consecutiveSuccessLimit (2 + 0) if both >= 0',
      'spec.metrics[1].interval: time: unknown unit " minutes" in duration "5 minutes"',
      'spec.metrics[2].successCondition: invalid expression "result >": unexpected end of expression',
      'spec.metrics[3]: failureLimit and consecutiveSuccessLimit cannot both be disabled',
    ]);
  });

  it('still checks durations and conditions of a metric the schema rejected (every problem at once)', () => {
    const { issues } = validateAnalysisDocument(template({ metrics: [metric({ interval: '1d', failureCondition: 'result >', bogus: 1 })] }));
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'spec.metrics[0].bogus: unknown field "bogus"',
      'spec.metrics[0].interval: time: unknown unit "d" in duration "1d"',
      'spec.metrics[0].failureCondition: invalid expression "result >": unexpected end of expression',
    ]);
  });

  it('rejects secret-backed args, naming the argument', () => {
    const { issues } = validateAnalysisDocument(template({ args: [{ name: 'token', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }], metrics: [metric()] }));
    expect(issues).toEqual([expect.objectContaining({ path: 'spec.args[0].valueFrom.secretKeyRef', message: 'arg "token" reads Secret s/k: Kubernetes Secrets are not supported by firedrill' })]);
  });

  it('loadAnalysisTemplate / loadAnalysisRun throw ConfigError and check the kind', () => {
    expect(() => loadAnalysisTemplate(template({ metrics: [{ name: 'm' }] }))).toThrow(ConfigError);
    expect(() => loadAnalysisRun(template({ metrics: [metric()] }))).toThrow('expected AnalysisRun, got AnalysisTemplate');
    expect(loadAnalysisRun(template({ metrics: [metric()], terminate: false }, 'AnalysisRun')).spec.terminate).toBe(false);
    expect(loadAnalysisTemplate(template({ metrics: [metric()] }, 'ClusterAnalysisTemplate')).kind).toBe('ClusterAnalysisTemplate');
  });

  it('parses multi-document YAML with line numbers, skipping other kinds', () => {
    const text = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: x}', '---',
      'apiVersion: argoproj.io/v1alpha1', 'kind: AnalysisTemplate', 'metadata:', '  name: ok', 'spec:', '  metrics:',
      '  - name: m', '    provider:', '      job: {}',
    ].join('\n');
    const { objects, issues } = parseAnalysisYaml(text, { file: 'a.yaml' });
    expect(objects).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ file: 'a.yaml', path: 'spec.metrics[0].provider.job', line: 13, column: 7 })]);
    expect(loadAnalysisTemplate(parse('apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: t}\nspec: {metrics: [{name: m, provider: {web: {url: "http://x"}}}]}')).name).toBe('t');
  });
});

describe('the Argo documentation examples (../shared/conformance/argo/examples)', () => {
  if (!HAS_SHARED) {
    it.skip(`skipped: ${SHARED_DIR} is absent`, () => {});
    return;
  }
  const load = (f: string) => parseAnalysisYaml(readFileSync(resolve(SHARED_DIR, 'conformance/argo/examples', f), 'utf8'), { file: f });

  it('accepts the supported ones, including snippets indented as a whole', () => {
    expect(load('docs_analysis_prometheus_01.yaml').objects.map((o) => o.name)).toEqual(['range-query-example']);
    expect(load('docs_features_analysis_07.yaml').objects.map((o) => o.name)).toEqual(['success-rate', 'error-rate']);
    expect(load('docs_features_analysis_08.yaml').objects.map((o) => o.kind)).toEqual(['AnalysisRun']);
    expect(load('docs_features_analysis_09.yaml').issues).toEqual([]);
  });

  it('rejects the rest with the field and what is supported, never a stack trace', () => {
    expect(load('invalid_malformed-analysistemplate.yaml').issues.map((i) => i.path)).toEqual(['spec.metrics[0].provider.job']);
    expect(load('docs_features_analysis_12.yaml').issues.map((i) => i.message)).toEqual([
      'arg "api-token" reads Secret token-secret/apiToken: Kubernetes Secrets are not supported by firedrill',
    ]);
    for (const f of ['docs_analysis_prometheus_00.yaml', 'docs_analysis_web_06.yaml', 'docs_features_analysis_25.yaml']) {
      const { issues } = load(f);
      expect(issues.length, f).toBeGreaterThan(0);
      for (const i of issues) expect(i.message).not.toMatch(/\n\s+at /);
    }
  });
});
