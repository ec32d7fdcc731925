import { describe, expect, it } from 'vitest';
import {
  buildAnalysisRunSpec, findUnboundedMetrics, resolveMetricArgs, resolveRolloutArgValue, resolveTemplateRefs,
} from '../../../../src/rollout/analysis/index.ts';
import type { AnalysisTemplateLike, Metric } from '../../../../src/rollout/analysis/types.ts';
import { UserInputError } from '../../../../src/util/errors.ts';

const metric = (name: string, extra: Partial<Metric> = {}): Metric => ({ name, provider: { prometheus: { query: `q-${name}` } }, ...extra });
const tpl = (name: string, spec: Partial<AnalysisTemplateLike['spec']>, kind: AnalysisTemplateLike['kind'] = 'AnalysisTemplate'): AnalysisTemplateLike => ({
  kind, name, spec: { metrics: [], ...spec },
});

describe('buildAnalysisRunSpec (helpers.go:NewAnalysisRunFromTemplates)', () => {
  it('flattens namespaced templates before cluster ones and merges rollout args over template args', () => {
    const spec = buildAnalysisRunSpec({
      templates: [
        tpl('c', { metrics: [metric('cluster')], args: [{ name: 'svc' }] }, 'ClusterAnalysisTemplate'),
        tpl('a', { metrics: [metric('a')], args: [{ name: 'svc' }, { name: 'port', value: '80' }], dryRun: [{ metricName: 'a' }] }),
        tpl('a', { metrics: [metric('a')] }),
      ],
      args: [{ name: 'svc', value: 'checkout' }, { name: 'unused', value: 'x' }],
      measurementRetention: [{ metricName: '.*', limit: 3 }],
    });
    expect(spec).toEqual({
      metrics: [metric('a'), metric('cluster')],
      args: [{ name: 'svc', value: 'checkout' }, { name: 'port', value: '80' }],
      dryRun: [{ metricName: 'a' }],
      measurementRetention: [{ metricName: '.*', limit: 3 }],
    });
  });

  it('fails like Argo: unresolved args, duplicate metrics, conflicting arg values, duplicate rules', () => {
    expect(() => buildAnalysisRunSpec({ templates: [tpl('a', { metrics: [metric('m')], args: [{ name: 'svc' }] })] })).toThrow('args.svc was not resolved');
    expect(() => buildAnalysisRunSpec({ templates: [tpl('a', { metrics: [metric('m')] }), tpl('b', { metrics: [metric('m')] })] })).toThrow("two metrics have the same name 'm'");
    expect(() =>
      buildAnalysisRunSpec({ templates: [tpl('a', { args: [{ name: 'x', value: '1' }] }), tpl('b', { args: [{ name: 'x', value: '2' }] })] }),
    ).toThrow("Argument `x` specified multiple times with different values: '1', '2'");
    expect(() => buildAnalysisRunSpec({ templates: [tpl('a', { dryRun: [{ metricName: 'm' }] })], dryRun: [{ metricName: 'm' }] })).toThrow(
      "two Dry-Run metric rules have the same name 'm'",
    );
  });

  it('resolves rollout-side valueFrom through the resolver, and rejects Secrets', () => {
    const rollout = { metadata: { name: 'guestbook', labels: { env: 'dev' } }, spec: { template: { metadata: { labels: { version: '1' } } } } };
    const spec = buildAnalysisRunSpec({
      templates: [tpl('a', { metrics: [metric('m')], args: [{ name: 'hash' }, { name: 'env' }, { name: 'version' }] })],
      args: [
        { name: 'hash', valueFrom: { podTemplateHashValue: 'Latest' } },
        { name: 'env', valueFrom: { fieldRef: { fieldPath: "metadata.labels['env']" } } },
        { name: 'version', valueFrom: { fieldRef: { fieldPath: 'spec.template.metadata.labels.version' } } },
      ],
      resolveValueFrom: (vf) => resolveRolloutArgValue(vf, { latestHash: 'abc123', rollout }),
    });
    expect(spec.args).toEqual([{ name: 'hash', value: 'abc123' }, { name: 'env', value: 'dev' }, { name: 'version', value: '1' }]);
    expect(() => buildAnalysisRunSpec({ templates: [tpl('a', { args: [{ name: 't', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] })] })).toThrow(
      'analysis arg "t" reads Secret s/k (valueFrom.secretKeyRef), which firedrill does not support',
    );
    expect(() => buildAnalysisRunSpec({ templates: [tpl('a', { args: [{ name: 'x' }] })], args: [{ name: 'x', valueFrom: { podTemplateHashValue: 'Stable' } }] })).toThrow(UserInputError);
  });

  it('resolveRolloutArgValue follows extractValueFromRollout', () => {
    const rollout = { status: { alb: { canaryTargetGroup: { name: 'tg' } } }, spec: { replicas: 3, list: ['a', 'b'] } };
    expect(resolveRolloutArgValue({ fieldRef: { fieldPath: 'status.alb.canaryTargetGroup.name' } }, { rollout })).toBe('tg');
    expect(resolveRolloutArgValue({ fieldRef: { fieldPath: 'spec.replicas' } }, { rollout })).toBe('3');
    expect(resolveRolloutArgValue({ fieldRef: { fieldPath: 'spec.list[1]' } }, { rollout })).toBe('b');
    expect(() => resolveRolloutArgValue({ fieldRef: { fieldPath: 'spec.nope' } }, { rollout })).toThrow('invalid path spec.nope in rollout');
    expect(() => resolveRolloutArgValue({ fieldRef: { fieldPath: 'spec' } }, { rollout })).toThrow('must terminate in a primitive value');
  });
});

describe('resolveTemplateRefs (rollout/analysis.go:getAnalysisTemplatesFromRefs)', () => {
  it('expands nested templates, de-duplicates, and fails on a missing one', () => {
    const catalog = [tpl('rates', { metrics: [metric('s')], templates: [{ templateName: 'errors' }, { templateName: 'base', clusterScope: true }] }), tpl('errors', {}), tpl('base', {}, 'ClusterAnalysisTemplate')];
    const { templates } = resolveTemplateRefs([{ templateName: 'rates' }, { templateName: 'errors' }], catalog);
    expect(templates.map((t) => `${t.kind}/${t.name}`)).toEqual(['AnalysisTemplate/rates', 'AnalysisTemplate/errors', 'ClusterAnalysisTemplate/base']);
    expect(() => resolveTemplateRefs([{ templateName: 'base' }], catalog)).toThrow('AnalysisTemplate "base" not found');
  });
});

describe('resolveMetricArgs (template.go:ResolveQuotedArgs)', () => {
  it('substitutes every string field with trimmed tags, values verbatim', () => {
    const m = resolveMetricArgs(
      { name: 'm', interval: '{{args.i}}', count: '{{ args.n }}', successCondition: 'result == "{{args.q}}"', provider: { web: { url: 'http://x/{{args.q}}', jsonBody: { '{{args.k}}': ['{{args.q}}'] } } } },
      [{ name: 'i', value: '30s' }, { name: 'n', value: '3' }, { name: 'q', value: 'a"b\nc' }, { name: 'k', value: 'key' }],
    );
    expect(m).toEqual({ name: 'm', interval: '30s', count: '3', successCondition: 'result == "a"b\nc"', provider: { web: { url: 'http://x/a"b\nc', jsonBody: { key: ['a"b\nc'] } } } });
  });

  it('names the last unresolved placeholder in Go serialisation order, and unsupplied args', () => {
    expect(() => resolveMetricArgs({ name: 'm', provider: { prometheus: { query: '{{args.b}}' } }, successCondition: '{{args.a}}' }, [])).toThrow('failed to resolve {{args.b}}');
    expect(() => resolveMetricArgs({ name: 'm', provider: {}, successCondition: '{{ args.a }}' }, [])).toThrow('failed to resolve {{ args.a }}');
    expect(() => resolveMetricArgs(metric('m'), [{ name: 'x' }])).toThrow('argument "x" was not supplied');
  });
});

describe('findUnboundedMetrics (validation_references.go)', () => {
  it('reports indefinite metrics with Argo\'s InvalidSpec message', () => {
    const t = tpl('bg', { metrics: [metric('ok'), metric('forever', { interval: '1m' }), metric('zero', { interval: '1m', count: 0 })] });
    expect(findUnboundedMetrics(t)).toEqual([
      'AnalysisTemplate bg has metric forever which runs indefinitely. Invalid value for count: <nil>',
      'AnalysisTemplate bg has metric zero which runs indefinitely. Invalid value for count: 0',
    ]);
  });
});
