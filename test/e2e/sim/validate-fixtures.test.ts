import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/paths.ts';
import { runCli } from '../../helpers/run-cli.ts';

const DIR = join(REPO_ROOT, 'test/fixtures/invalid');

describe('firedrill validate on broken files', () => {
  const res = runCli(['validate', 'test/fixtures/invalid']);

  it('exits 2 and reports every file as invalid', () => {
    expect(res.code).toBe(2);
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) expect(res.stdout, f).toContain(`✘ test/fixtures/invalid/${f}`);
    expect(res.stdout).toContain(`0 valid, ${files.length} invalid`);
  });

  it('gives each problem its file, line, column and YAML path', () => {
    const expected = [
      'unknown-key.yaml:11:3 spec.baseLine: unknown field "baseLine"',
      'wrong-type.yaml:9:11 spec.load.rate: expected number, got string "fifty"',
      'wrong-type.yaml:7:21 spec.slo.objective: expected number, got a list',
      'unknown-service.yaml:13:14 spec.deploy.service: unknown service "chekout" (services: checkout, frontend, ledger, payments)',
      'missing-file.yaml:16:15 spec.deploy.changes[0].file: file "services/checkout/taxes.js" does not exist in the testbed',
      'bad-duration.yaml:11:13 spec.baseline: time: missing unit in duration "300" (write a number and a unit',
      'bad-duration.yaml:12:13 spec.duration: time: unknown unit " minutes" in duration "30 minutes" (write a number and a unit',
      'missing-required.yaml:7:3 spec.load: required',
      'missing-required.yaml:13:5 spec.truth.culprit: required',
      'bad-enum.yaml:19:17 spec.truth.faultClass: must be one of',
      'bad-enum.yaml:22:18 spec.truth.fixClasses[0]: must be one of',
      'unmeasurable-threshold.yaml:8:45 spec.slo.latencyThreshold: 800ms is not a histogram bucket boundary',
      'unmeasurable-threshold.yaml:21:22 spec.truth.culprit.file:',
      'stack-missing-manifest.yaml:9:29 spec.oncall.ack.p90: p90 (1m) is below the median (5m)',
      'stack-missing-manifest.yaml:14:17 spec.rollout.manifests[0]: file not found',
      'stack-bad-times.yaml:7:10 spec.level: must be one of',
      'suite-unknown-scenario.yaml:8:32 spec.runs[0].scenarios[1]: "eror-spike" is neither a file',
      'yaml-syntax.yaml:8:1 <root>: YAML syntax',
      'unknown-kind.yaml:2:7 kind: unknown kind "Scenery"',
    ];
    for (const line of expected) expect(res.stdout, line).toContain(line);
  });

  it('prints no stack trace', () => {
    expect(res.stdout + res.stderr).not.toMatch(/\n\s+at .*\(/);
  });
});

describe('firedrill validate on the built-ins', () => {
  it('accepts every built-in scenario and stack', () => {
    const res = runCli(['validate', 'scenarios']);
    expect(res.stdout).toMatch(/\d+ valid, 0 invalid/);
    expect(res.code).toBe(0);
  });
});
