import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../../src/scenario/load-suite.ts';
import { parseExpectation } from '../../../src/scenario/parse-expectation.ts';
import { ConfigError } from '../../../src/util/errors.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

const BUILTINS = { scenarios: join(REPO_ROOT, 'scenarios'), stacks: join(REPO_ROOT, 'scenarios/stacks') };

describe('an expectation (k6 thresholds\' idea)', () => {
  it('reads times as Go durations, shares as percents or fractions, counts as whole numbers', () => {
    expect(parseExpectation('fdrt', 'p90 < 5m')).toMatchObject({ ok: true, value: { stat: 'p90', op: '<', threshold: 300_000, kind: 'time' } });
    expect(parseExpectation('blastRadius.share', 'max < 1%')).toMatchObject({ ok: true, value: { threshold: 0.01, kind: 'share' } });
    expect(parseExpectation('detected', 'rate == 1')).toMatchObject({ ok: true, value: { stat: 'rate', op: '==', threshold: 1 } });
    expect(parseExpectation('rca.exact', 'rate >= 90%')).toMatchObject({ ok: true, value: { threshold: 0.9 } });
    expect(parseExpectation('falseRollback', 'count == 0')).toMatchObject({ ok: true, value: { stat: 'count', threshold: 0 } });
    expect(parseExpectation('ttd', 'median <= 1h30m')).toMatchObject({ ok: true, value: { threshold: 5_400_000 } });
    // A scorecard path the table does not list (a later level's part) is read as it is.
    expect(parseExpectation('cost.withinBudget', 'rate >= 0.8')).toMatchObject({ ok: true, value: { kind: 'auto', threshold: 0.8 } });
    // L3's fix and L4's gate are in the table: a time reads as a duration.
    expect(parseExpectation('fix.correct', 'rate >= 0.8')).toMatchObject({ ok: true, value: { kind: 'flag', threshold: 0.8 } });
    expect(parseExpectation('fix.fdrt', 'p50 < 15m')).toMatchObject({ ok: true, value: { kind: 'time', threshold: 900_000 } });
  });

  it('says what is wrong, with a hint, for each kind of mistake', () => {
    expect(parseExpectation('fdtr', 'p90 < 5m')).toMatchObject({ ok: false, message: 'unknown metric "fdtr"' });
    expect(parseExpectation('detected', 'p90 < 5m')).toMatchObject({ ok: false, message: expect.stringContaining('"p90" does not apply to detected') });
    expect(parseExpectation('fdrt', 'rate == 1')).toMatchObject({ ok: false, message: expect.stringContaining('"rate" does not apply to fdrt') });
    expect(parseExpectation('fdrt', 'p90 < 5 minutes')).toMatchObject({ ok: false, message: expect.stringContaining('cannot read the condition') });
    expect(parseExpectation('fdrt', 'p90 < 5x')).toMatchObject({ ok: false, message: expect.stringContaining('not a duration') });
    expect(parseExpectation('detected', 'rate == 2')).toMatchObject({ ok: false, message: expect.stringContaining('0-100%') });
    expect(parseExpectation('falseRollback', 'count == 0.5')).toMatchObject({ ok: false, message: expect.stringContaining('whole number') });
  });
});

describe('expectations in a Suite file', () => {
  const write = (body: string): string => {
    const file = join(mkdtempSync(join(tmpdir(), 'fd-suite-')), 'suite.yaml');
    writeFileSync(file, body);
    return file;
  };

  it('become a flat list named by metric, condition and scope; "*" runs every built-in', async () => {
    const suite = await loadSuite(write(`apiVersion: firedrill.dev/v1
kind: Suite
metadata: { name: s, description: d }
spec:
  runs:
    - { scenarios: ["*"], stacks: [l1], repeat: 2 }
  expectations:
    - expect: { detected: rate == 1, fdrt: [p90 < 5m, max < 1h] }
    - { levels: [L1], per: stack, expect: { falseRollback: count == 0 } }
`), BUILTINS);
    expect(suite.expectations.map((e) => e.id)).toEqual(['detected: rate == 1', 'fdrt: p90 < 5m', 'fdrt: max < 1h', 'falseRollback: count == 0 [levels L1; per stack]']);
    expect(suite.expectationsStated).toBe(true);
    const scenarios = new Set(suite.jobs.map((j) => j.scenarioFile.split('/').pop()));
    expect(scenarios).toEqual(new Set(readdirSync(BUILTINS.scenarios).filter((f) => f.endsWith('.yaml'))));
    expect(suite.jobs).toHaveLength(scenarios.size * 2);
  });

  it('without any, every run must pass its own verdict', async () => {
    const suite = await loadSuite(join(REPO_ROOT, 'scenarios/suites/maturity.yaml'), BUILTINS);
    expect(suite.expectations.map((e) => e.id)).toEqual(['pass: rate == 1']);
    expect(suite.expectationsStated).toBe(false);
  });

  it('are reported at file:line:column when wrong, all at once', async () => {
    const file = write(`apiVersion: firedrill.dev/v1
kind: Suite
metadata: { name: s, description: d }
spec:
  runs:
    - { scenarios: [error-spike], stacks: [l1] }
  expectations:
    - expect:
        fdrt: p90 < 5 min
        detectd: rate == 1
      per: stacks
`);
    const err = await loadSuite(file, BUILTINS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const text = (err as ConfigError).message;
    expect(text).toMatch(/suite\.yaml:9:\d+ spec\.expectations\[0\]\.expect\.fdrt: cannot read the condition/);
    expect(text).toMatch(/suite\.yaml:10:\d+ spec\.expectations\[0\]\.expect\.detectd: unknown metric "detectd"/);
    expect(text).toMatch(/spec\.expectations\[0\]\.per: .*"cell"/);
  });
});
