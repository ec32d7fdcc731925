import { describe, expect, it } from 'vitest';
import { EmbeddedMetricSource } from '../../../src/metrics/embedded-source.ts';
import { loadRuleFile, RuleEvaluator, type AlertChange } from '../../../src/metrics/rules/index.ts';
import { Tsdb } from '../../../src/metrics/tsdb.ts';
import { ConfigError } from '../../../src/util/errors.ts';

const RULES = `
groups:
  - name: checkout
    rules:
      - record: job:errors:rate1m
        expr: sum by (service) (rate(errors_total[1m]))
      - alert: HighErrorRate
        expr: job:errors:rate1m > 1
        for: 2m
        keep_firing_for: 1m
        labels:
          severity: page
          team: "{{ $labels.service }}-oncall"
        annotations:
          summary: "{{ $labels.service }} fails {{ $value | printf \\"%.1f\\" }}/s"
`;

function loadErrors(text: string): string[] {
  try {
    loadRuleFile(text, 'rules.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('loadRuleFile', () => {
  it('reads groups, durations and parsed expressions', () => {
    const file = loadRuleFile(RULES);
    const [record, alert] = file.groups[0].rules;
    expect(record).toMatchObject({ kind: 'record', name: 'job:errors:rate1m' });
    expect(alert).toMatchObject({ kind: 'alert', name: 'HighErrorRate', forMs: 120_000, keepFiringForMs: 60_000, labels: { severity: 'page' } });
  });

  it('reports every problem with its YAML path and position', () => {
    const errors = loadErrors(`
groups:
  - name: g
    rules:
      - alert: A
        expr: rate(x)
        for: 5 minutes
      - record: ok
        expr: up
        lables: {}
`);
    expect(errors).toEqual([
      '7:14 groups[0].rules[0].for: time: unknown unit " minutes" in duration "5 minutes"',
      '10:9 groups[0].rules[1].lables: unknown field "lables"',
    ]);
    expect(loadErrors(`
groups:
  - name: g
    rules:
      - alert: A
        expr: rate(x)
        annotations:
          x: "{{ range $labels }}{{ end }}"
`)).toEqual([
      '6:15 groups[0].rules[0].expr: invalid PromQL: parse error at 1:6: expected type range vector in call to function "rate", got instant vector',
      '8:14 groups[0].rules[0].annotations.x: unsupported template action {{ range $labels }}',
    ]);
  });
});

describe('RuleEvaluator', () => {
  async function run(errorsPerSecond: (t: number) => number, times: number[]): Promise<{ changes: AlertChange[]; tsdb: Tsdb }> {
    const tsdb = new Tsdb();
    let count = 0;
    for (let t = 0; t <= times[times.length - 1]; t += 15_000) {
      count += errorsPerSecond(t) * 15;
      tsdb.append({ __name__: 'errors_total', service: 'checkout' }, t, count);
    }
    const ev = new RuleEvaluator(loadRuleFile(RULES), { source: new EmbeddedMetricSource(tsdb), tsdb });
    const changes: AlertChange[] = [];
    for (const t of times) changes.push(...(await ev.evaluateAt(t)).changes);
    return { changes, tsdb };
  }

  it('goes pending, fires after `for`, keeps firing for keep_firing_for, then resolves', async () => {
    const times = Array.from({ length: 20 }, (_, i) => 60_000 + i * 60_000);
    const { changes } = await run((t) => (t >= 120_000 && t < 600_000 ? 5 : 0), times);
    expect(changes.map((c) => `${c.at / 60_000}m ${c.from}->${c.to}`)).toEqual([
      '2m inactive->pending',
      '4m pending->firing',
      '12m firing->inactive',
    ]);
    const firing = changes[1].alert;
    expect(firing.labels).toEqual({ alertname: 'HighErrorRate', service: 'checkout', severity: 'page', team: 'checkout-oncall' });
    expect(firing.annotations.summary).toBe('checkout fails 5.0/s');
  });

  it('drops a pending alert that disappears before `for`', async () => {
    const times = [180_000, 240_000, 300_000];
    const { changes } = await run((t) => (t >= 120_000 && t < 190_000 ? 5 : 0), times);
    expect(changes.map((c) => `${c.from}->${c.to}`)).toEqual(['inactive->pending', 'pending->inactive']);
  });

  it('writes recording rules and ALERTS series into the TSDB', async () => {
    const { tsdb } = await run(() => 5, [120_000, 180_000, 240_000]);
    const names = tsdb.series().map((s) => `${s.labels.__name__}${s.labels.alertstate ? `{${s.labels.alertstate}}` : ''}`).sort();
    expect(names).toEqual(['ALERTS_FOR_STATE', 'ALERTS{firing}', 'ALERTS{pending}', 'errors_total', 'job:errors:rate1m']);
    const pending = tsdb.series().find((s) => s.labels.alertstate === 'pending')!;
    expect(pending.stale.at(-1)).toBe(true);
  });
});
