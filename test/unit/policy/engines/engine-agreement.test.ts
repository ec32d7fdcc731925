import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CLASSES } from '../../../../src/policy/classes.ts';
import { createCasbinEngine } from '../../../../src/policy/engines/casbin-engine.ts';
import { findOpaBinary } from '../../../../src/policy/engines/opa-binary.ts';
import { startOpaServerEngine } from '../../../../src/policy/engines/opa-server-engine.ts';
import { listPolicyFiles } from '../../../../src/policy/engines/policy-files.ts';
import type { PolicyClass, PolicyEngine } from '../../../../src/policy/engines/policy-engine.ts';

/**
 * The default policy at its edges, in both engines: the bounds (widen under 2x, scale up to 2x,
 * retries up to 3), every class alone, a class no line names, an entry missing its measure,
 * no classes at all. Both must give the decisions written here; in Rego, no class may match
 * two policy lines (Casbin's explanation names one line, so overlaps would make them differ).
 */
const opa = findOpaBinary();
const NO_OPA = 'path' in opa ? undefined : `${opa.problem}: OPA comparison skipped`;
if (NO_OPA) console.warn(NO_OPA);

const one = (c: Partial<PolicyClass> & { class: string }): { classes: PolicyClass[] } => ({ classes: [{ file: 'f', detail: 'd', ...c }] });

const EXPECTED: [string, { classes: PolicyClass[] }, 'allow' | 'deny', string][] = [
  ['widen x1.9999', one({ class: 'threshold-widen', factor: 1.9999 }), 'allow', 'all-safe'],
  ['widen x2', one({ class: 'threshold-widen', factor: 2 }), 'deny', 'widen-2x-or-more'],
  ['widen x1 (no change)', one({ class: 'threshold-widen', factor: 1 }), 'deny', 'no-rule'],
  ['widen without a factor', one({ class: 'threshold-widen' }), 'deny', 'no-rule'],
  ['scale x2', one({ class: 'scale', factor: 2 }), 'allow', 'all-safe'],
  ['scale x2.0001', one({ class: 'scale', factor: 2.0001 }), 'deny', 'scale-past-2x'],
  ['scale x0.5', one({ class: 'scale', factor: 0.5 }), 'deny', 'scale-down'],
  ['scale unbounded', one({ class: 'scale', factor: 1e9 }), 'deny', 'scale-past-2x'],
  ['retries 2 -> 3', one({ class: 'retry-change', from: 2, to: 3 }), 'allow', 'all-safe'],
  ['retries 3 -> 4', one({ class: 'retry-change', from: 3, to: 4 }), 'deny', 'retries-past-3'],
  ['retries 1 -> 0', one({ class: 'retry-change', from: 1, to: 0 }), 'deny', 'retry-reduce'],
  ['an unknown class', one({ class: 'teleport' }), 'deny', 'no-rule'],
  ['no classes', { classes: [] }, 'deny', 'no-classes'],
  ['safe then forbidden', { classes: [...one({ class: 'restart' }).classes, ...one({ class: 'secrets', file: 'g' }).classes] }, 'deny', 'forbidden-secrets'],
];

/** A grid over every class and the measured edges, for the agreement check. */
function grid(): { classes: PolicyClass[] }[] {
  const inputs = ALL_CLASSES.map((k) => one({ class: k }));
  for (const k of ['threshold-widen', 'threshold-tighten', 'scale', 'timeout-change']) {
    for (const factor of [0, 0.5, 0.9999, 1, 1.0001, 1.5, 1.9999, 2, 2.0001, 3, 1e9]) inputs.push(one({ class: k, factor }));
  }
  for (let from = 0; from <= 5; from++) for (let to = 0; to <= 5; to++) inputs.push(one({ class: 'retry-change', from, to, factor: from ? to / from : 1e9 }));
  inputs.push(...EXPECTED.map(([, input]) => input));
  return inputs;
}

let casbin: PolicyEngine;
beforeAll(async () => {
  casbin = await createCasbinEngine();
});

describe('the default policy in Casbin', () => {
  it.each(EXPECTED)('%s -> %s', async (_name, input, verdict, rule) => {
    const d = await casbin.decide(input);
    expect({ verdict: d.verdict, rule: d.rule }).toEqual({ verdict, rule });
  });

  it('says for each deciding class which line decided it', async () => {
    const d = await casbin.decide({ classes: [{ class: 'threshold-widen', file: 'deploy/argo/t.yaml', detail: 'max-error-ratio 0.05 -> 0.5 (x10 looser)', factor: 10 }] });
    expect(d.reasons).toEqual(['threshold-widen in deploy/argo/t.yaml: max-error-ratio 0.05 -> 0.5 (x10 looser) [denied by widen-2x-or-more]']);
  });
});

describe.skipIf(NO_OPA !== undefined)('the same policy in OPA', () => {
  let server: PolicyEngine;
  beforeAll(async () => {
    server = await startOpaServerEngine();
  }, 30_000);
  afterAll(async () => server?.close());

  it('has the same lines as the Casbin policy file, in the same order', () => {
    const files = listPolicyFiles();
    const csv = readFileSync(files.casbinPolicy, 'utf8').trim().split('\n').map((l) => l.split(',').map((f) => f.trim()));
    const fromCsv = csv.map(([, cls, , , eft, id]) => ({ id, class: cls, eft }));
    const out = execFileSync(opaPath(), ['eval', '--format', 'json', '--data', files.rego, 'data.firedrill.autoapply.lines'], { encoding: 'utf8' });
    expect(JSON.parse(out).result[0].expressions[0].value).toEqual(fromCsv);
  });

  it('decides every grid input exactly as Casbin does', async () => {
    const differ: string[] = [];
    for (const input of grid()) {
      const [a, b] = [await casbin.decide(input), await server.decide(input)];
      if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(`${JSON.stringify(input)}: casbin ${JSON.stringify(a)} opa ${JSON.stringify(b)}`);
    }
    expect(differ).toEqual([]);
  }, 30_000);

  it('never lets one class match two policy lines', () => {
    const classes = grid().flatMap((i) => i.classes);
    const out = execFileSync(opaPath(), ['eval', '--format', 'json', '--data', listPolicyFiles().rego, '--stdin-input', 'data.firedrill.autoapply.outcomes'], { encoding: 'utf8', input: JSON.stringify({ classes }) });
    const outcomes = JSON.parse(out).result[0].expressions[0].value as { matches: number }[];
    expect(outcomes).toHaveLength(classes.length);
    expect(classes.filter((_, i) => outcomes[i].matches > 1)).toEqual([]);
  });
});

function opaPath(): string {
  return (opa as { path: string }).path;
}
