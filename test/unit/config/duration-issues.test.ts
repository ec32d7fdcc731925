import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DURATION_HINT } from '../../../src/config/duration-field.ts';
import { loadRuleFile } from '../../../src/metrics/rules/rule-file.ts';
import { loadArgoManifests } from '../../../src/rollout/manifests/load-argo-manifests.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { ConfigError, type ConfigIssue } from '../../../src/util/errors.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';
import { makeRollout } from '../rollout/harness.ts';

/**
 * One malformed duration, put in every kind of file that takes durations: each loader reports it
 * with the same message and hint (Go's error), at the field's own file:line:column and YAML path.
 */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-durations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function catchIssues(load: () => unknown): Promise<ConfigIssue[]> {
  try {
    await load();
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  return [];
}

const builtin = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

type Loader = (text: string) => Promise<ConfigIssue[]>;

/** Each loader with the given duration text placed in one of its duration fields. */
const LOADERS: Record<string, { path: string; load: Loader }> = {
  scenario: {
    path: 'spec.baseline',
    load: (d) => catchIssues(() => loadScenario(write('scenario.yaml', builtin('scenarios/error-spike.yaml').replace('baseline: 5m', `baseline: "${d}"`)))),
  },
  stack: {
    path: 'spec.monitoring.scrapeInterval',
    load: (d) => catchIssues(() => loadStack(write('stack.yaml', builtin('scenarios/stacks/l0.yaml').replace('scrapeInterval: 15s', `scrapeInterval: "${d}"`)))),
  },
  'Rollout pause': {
    path: 'spec.strategy.canary.steps[1].pause.duration',
    load: async (d) => loadArgoManifests(makeRollout('', '', `      - setWeight: 20\n      - pause: {duration: "${d}"}`), 'rollout.yaml').issues,
  },
  'AnalysisTemplate interval': {
    path: 'spec.metrics[0].interval',
    load: async (d) => loadArgoManifests(`apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: error-rate}
spec:
  metrics:
  - name: error-rate
    interval: "${d}"
    successCondition: result[0] < 0.05
    provider: {prometheus: {query: up}}
`, 'template.yaml').issues,
  },
  'Prometheus rule for': {
    path: 'groups[0].rules[0].for',
    load: (d) => catchIssues(() => loadRuleFile(`groups:
  - name: g
    rules:
      - alert: A
        expr: up == 0
        for: "${d}"
`, 'rules.yaml')),
  },
};

describe('a malformed duration, in every loader that takes durations', () => {
  for (const [text, message] of [
    ['5 minutes', 'time: unknown unit " minutes" in duration "5 minutes"'],
    ['1.5', 'time: missing unit in duration "1.5"'], // "300" would be seconds to Argo's pause
    ['.s', 'time: invalid duration ".s"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
    ['1x', 'time: unknown unit "x" in duration "1x"'],
  ]) {
    it(`${JSON.stringify(text)} is reported identically`, async () => {
      for (const [name, loader] of Object.entries(LOADERS)) {
        const issues = await loader.load(text);
        const issue = issues.find((i) => i.path === loader.path);
        expect(issue, `${name}: ${JSON.stringify(issues)}`).toBeDefined();
        expect({ message: issue!.message, hint: issue!.hint }, name).toEqual({ message, hint: DURATION_HINT });
        expect(issue!.file, name).toMatch(/\.yaml$/);
        expect(issue!.line, name).toBeGreaterThan(0);
        expect(issue!.column, name).toBeGreaterThan(0);
      }
    });
  }

  it('accepts what Go accepts where Argo reads the field with Go', async () => {
    for (const name of ['Rollout pause', 'AnalysisTemplate interval']) {
      for (const text of ['.5s', '1.s', '1μs', '1µs', '1h2m3.5s']) expect(await LOADERS[name].load(text), `${name} ${text}`).toEqual([]);
    }
  });

  it('keeps each file kind\'s own limits beyond Go\'s grammar, with the same hint', async () => {
    const [scenario] = await LOADERS.scenario.load('-5m');
    expect(scenario).toMatchObject({ path: 'spec.baseline', message: 'must not be negative', hint: DURATION_HINT });
    const [rule] = await LOADERS['Prometheus rule for'].load('1.5h');
    expect(rule).toMatchObject({ path: 'groups[0].rules[0].for', message: expect.stringMatching(/^not a Prometheus duration "1.5h"/), hint: DURATION_HINT });
    expect(await LOADERS['Prometheus rule for'].load('1d12h')).toEqual([]);
    expect(await LOADERS.stack.load('1.5s')).toEqual([]);
  });
});
