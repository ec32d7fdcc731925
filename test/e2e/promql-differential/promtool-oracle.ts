import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Labels } from '../../../src/metrics/labels.ts';
import type { DataGroup } from './generate-data.ts';

/**
 * Prometheus itself as the oracle: `promtool test rules` loads the input series (with gaps and
 * staleness markers) and evaluates every query at its time with the real engine. Each test
 * expects nothing, so promtool prints what it got (values in %E with all digits); tests whose
 * result is empty print nothing.
 */
export interface OracleQuery {
  expr: string;
  /** ms since 0 (the first sample of a test group is at 0). */
  at: number;
}

export type OracleAnswer = { ok: true; samples: { labels: Labels; value: number }[] } | { ok: false; error: string };

/** `promtool` is the binary to ask: Debian's 2.42 on PATH, or the pinned 3.x build. */
export function askPromtool(promtool: string, dir: string, group: DataGroup, queries: OracleQuery[]): OracleAnswer[] {
  const evalInterval = 60_000;
  // promtool loads samples only up to its last evaluation step, so a final query at the end
  // makes it load everything before any query runs.
  const end = (Math.ceil(((group.slots - 1) * group.interval) / evalInterval) + 1) * evalInterval;
  const tests = [...queries, { expr: 'vector(1)', at: end }];
  const yaml = [
    'rule_files: []',
    'evaluation_interval: 1m',
    'tests:',
    `  - interval: ${group.interval}ms`,
    '    input_series:',
    ...group.lines.map((l) => {
      const brace = l.indexOf('} ');
      return `      - series: ${JSON.stringify(l.slice(0, brace + 1))}\n        values: ${JSON.stringify(l.slice(brace + 2))}`;
    }),
    '    promql_expr_test:',
    ...tests.map((q) => `      - expr: ${JSON.stringify(q.expr)}\n        eval_time: ${formatModelDuration(q.at)}\n        exp_samples: []`),
  ].join('\n');
  const file = join(dir, `promtool-${group.interval}.yml`);
  writeFileSync(file, `${yaml}\n`);
  const res = spawnSync(promtool, ['test', 'rules', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  if (res.error) throw res.error;
  return parseOutput(`${res.stdout}\n${res.stderr}`, tests).slice(0, queries.length);
}

/** model.Duration's String(): 1h2m3s456ms. */
export function formatModelDuration(ms: number): string {
  if (ms === 0) return '0s';
  let out = '';
  let rest = ms;
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

function parseOutput(text: string, tests: OracleQuery[]): OracleAnswer[] {
  const answers: OracleAnswer[] = tests.map(() => ({ ok: true, samples: [] }));
  const head = /^\s*expr: ("(?:[^"\\]|\\.)*"), time: ([0-9hms]+),(.*)$/;
  const lines = text.split('\n');
  let next = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = head.exec(lines[i]);
    if (!m) continue;
    const expr = JSON.parse(m[1]) as string;
    while (next < tests.length && !(tests[next].expr === expr && formatModelDuration(tests[next].at) === m[2])) next++;
    if (next >= tests.length) throw new Error(`promtool output names a test we did not ask for: ${lines[i]}`);
    const err = /^\s*err: (.*)$/.exec(m[3]);
    if (err) answers[next] = { ok: false, error: err[1] };
    else {
      const got = lines.slice(i + 1, i + 3).find((l) => /^\s*got: /.test(l));
      if (!got) throw new Error(`no "got:" line after ${lines[i]}`);
      answers[next] = { ok: true, samples: parseSamples(got.replace(/^\s*got: /, '')) };
    }
    next++;
  }
  return answers;
}

function parseSamples(text: string): { labels: Labels; value: number }[] {
  if (text.trim() === 'nil') return [];
  const out: { labels: Labels; value: number }[] = [];
  const entry = /\{((?:[^{}"]|"(?:[^"\\]|\\.)*")*)\} (\S+?)(?=, \{|$)/g;
  for (const m of text.matchAll(entry)) {
    const labels: Record<string, string> = {};
    for (const l of m[1].matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*")/g)) labels[l[1]] = JSON.parse(l[2]) as string;
    out.push({ labels, value: parseValue(m[2]) });
  }
  return out;
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}
