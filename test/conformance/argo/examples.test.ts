import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArgoManifests } from '../../../src/rollout/manifests/load-argo-manifests.ts';
import { HAS_SHARED, SHARED_DIR } from '../../helpers/paths.ts';
import { runCli } from '../../helpers/run-cli.ts';

/**
 * `firedrill validate` over the Argo documentation examples (../shared/conformance/argo/examples,
 * see its README): accept the supported ones; reject the rest with a message that names the field
 * and what is supported, never a stack trace. Every file must be listed here, so a new example is
 * noticed. Each expected issue is a path and a pattern over its message and hint (the analysis
 * engine's loader puts the list of what is supported in the hint).
 */
const DIR = resolve(SHARED_DIR, 'conformance/argo/examples');

type Expectation = { accept: { templates?: number; rollouts?: number } } | { reject: { path: string; message: RegExp }[] };

// Doc fragments elide content with "..." (not valid YAML): rejected with the line and a hint.
const FRAGMENT = { reject: [{ path: '', message: /^YAML syntax: / }] };

const EXPECTED: Record<string, Expectation> = {
  'docs_analysis_prometheus_00.yaml': { reject: [{ path: 'spec.metrics[0].provider.prometheus.headers', message: /not supported/ }] },
  'docs_analysis_prometheus_01.yaml': { accept: { templates: 1 } },
  'docs_analysis_prometheus_04.yaml': {
    reject: [
      { path: 'spec.args[1].valueFrom.secretKeyRef', message: /basicAuthUsername/ },
      { path: 'spec.args[2].valueFrom.secretKeyRef', message: /basicAuthSecret/ },
    ],
  },
  'docs_analysis_web_06.yaml': { reject: [{ path: 'spec.args[1].valueFrom.secretKeyRef', message: /oauthSecret/ }] },
  // `value: 9090` is not a string: Argo's Argument.Value is a *string (the CRD says type: string).
  'docs_features_analysis_03.yaml': { reject: [{ path: 'spec.args[1].value', message: /string/ }] },
  'docs_features_analysis_07.yaml': { accept: { templates: 2 } },
  'docs_features_analysis_08.yaml': { reject: [{ path: 'kind', message: /AnalysisRun .*does not run one directly/ }] },
  'docs_features_analysis_09.yaml': { accept: { templates: 2 } },
  'docs_features_analysis_12.yaml': { reject: [{ path: 'spec.args[4].valueFrom.secretKeyRef', message: /api-token/ }] },
  'docs_features_analysis_13.yaml': {
    reject: [
      { path: 'spec', message: /expected object, got null/ },
      { path: 'spec.selector', message: /Rollout has missing field '\.spec\.selector'/ },
      { path: 'kind', message: /required/ },
    ],
  },
  'docs_features_analysis_14.yaml': FRAGMENT,
  'docs_features_analysis_15.yaml': FRAGMENT,
  'docs_features_analysis_16.yaml': FRAGMENT,
  'docs_features_analysis_21.yaml': FRAGMENT,
  'docs_features_analysis_25.yaml': FRAGMENT,
  'docs_features_analysis_26.yaml': FRAGMENT,
  'docs_features_analysis_27.yaml': FRAGMENT,
  'docs_features_specification_00.yaml': {
    reject: [
      { path: 'spec.strategy.blueGreen', message: /blue-green strategy is not supported yet \(supported: spec\.strategy\.canary\)/ },
      { path: 'spec.strategy.canary.steps[11].experiment', message: /not supported yet \(supported step types: setWeight, pause, analysis, setCanaryScale\)/ },
      { path: 'spec.strategy.canary.steps[7].plugin', message: /not supported yet/ },
      { path: 'spec.rollbackWindow', message: /not supported yet/ },
      { path: 'spec.workloadRef.scaleDown', message: /never.*onsuccess.*progressively/ },
    ],
  },
  'invalid_malformed-analysistemplate.yaml': { reject: [{ path: 'spec.metrics[0].provider.job', message: /not supported.*prometheus.*web/ }] },
  'invalid_malformed-rollout.yaml': {
    reject: [{ path: 'spec.template.spec.containers[0].resources.requests.memory', message: /quantities must match the regular expression/ }],
  },
};

describe('Argo documentation examples (firedrill validate)', () => {
  if (!HAS_SHARED) {
    it.skip(`skipped: ${SHARED_DIR} is absent (the shared conformance data lives beside the checkout)`, () => {});
    return;
  }
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

  it('covers every example file', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const file of files) {
    it(file, () => {
      const result = loadArgoManifests(readFileSync(resolve(DIR, file), 'utf8'), file);
      const expected = EXPECTED[file];
      if ('accept' in expected) {
        expect(result.issues).toEqual([]);
        expect(result.analysisTemplates.length + result.clusterAnalysisTemplates.length).toBe(expected.accept.templates ?? 0);
        expect(result.rollouts.length).toBe(expected.accept.rollouts ?? 0);
        return;
      }
      expect(result.issues.length).toBeGreaterThan(0);
      for (const issue of result.issues) {
        expect(issue.file).toBe(file);
        expect(issue.path !== '' || issue.line !== undefined).toBe(true);
        expect(issue.message).not.toMatch(/\n\s+at /); // never a stack trace
      }
      for (const want of expected.reject) {
        const hit = result.issues.find((i) => i.path === want.path && want.message.test(`${i.message} ${i.hint ?? ''}`));
        expect(hit, `${want.path}: ${want.message} in ${JSON.stringify(result.issues, null, 1)}`).toBeDefined();
      }
      if (expected === FRAGMENT) expect(result.issues[0].hint).toMatch(/documentation fragment/);
    });
  }
});

describe('firedrill validate (the real CLI) over the Argo examples', () => {
  if (!HAS_SHARED) {
    it.skip(`skipped: ${SHARED_DIR} is absent`, () => {});
    return;
  }
  it('accepts exactly the supported examples, rejects the rest with located messages, exit 2', () => {
    const res = runCli(['validate', DIR]);
    const accepted = [...res.stdout.matchAll(/^✔ .*\/([^/]+\.yaml): /gm)].map((m) => m[1]).sort();
    const rejected = [...res.stdout.matchAll(/^✘ .*\/([^/]+\.yaml)$/gm)].map((m) => m[1]).sort();
    const expectAccepted = Object.entries(EXPECTED).filter(([, e]) => 'accept' in e).map(([f]) => f).sort();
    expect(accepted).toEqual(expectAccepted);
    expect(rejected).toEqual(Object.keys(EXPECTED).filter((f) => !expectAccepted.includes(f)).sort());
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/spec\.strategy\.blueGreen: .*not supported yet/);
    expect(res.stdout + res.stderr).not.toMatch(/\n\s+at .*\(/);
  }, 60_000);
});
