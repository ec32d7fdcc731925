import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArgoManifests } from '../../../src/rollout/manifests/load-argo-manifests.ts';
import { HAS_SHARED, SHARED_DIR } from '../../helpers/paths.ts';

/**
 * The test data of `kubectl argo rollouts lint` (../shared/conformance/argo/lint, see its README):
 * every invalid-* file is rejected, with Argo's own reason where firedrill checks the same thing
 * (the messages are the ones Argo's lint_test.go expects); every valid-* file is accepted, or
 * rejected only for a feature firedrill names as not supported yet.
 */
const DIR = resolve(SHARED_DIR, 'conformance/argo/lint');

// pkg/kubectl-argo-rollouts/cmd/lint/lint_test.go:TestLintInvalidRollout (Argo reports the
// maxSurge problem at "spec.strategy.maxSurge"; the field is spec.strategy.canary.maxSurge).
const ARGO_REASONS: Record<string, { path: string; message: string }> = {
  'invalid.yml': { path: 'spec.strategy.canary.maxSurge', message: 'MaxSurge and MaxUnavailable both can not be zero' },
  'invalid-empty-rollout-vsvc.yml': { path: 'spec.selector', message: "Rollout has missing field '.spec.selector'" },
  'invalid-multiple-docs.yml': { path: 'spec.strategy.canary.maxSurge', message: 'MaxSurge and MaxUnavailable both can not be zero' },
  'invalid-unknown-field.yml': { path: 'spec.strategy.unknown-strategy', message: 'unknown field "unknown-strategy"' },
  'invalid-service-labels.yml': { path: 'spec.strategy.canary.canaryService', message: 'Service "istio-host-split-canary" has unmatch label "app" in rollout' },
  'invalid-ping-pong.yml': { path: 'spec.strategy.canary.pingPong.pingService', message: 'Service "ping-service" has unmatch label "app" in rollout' },
  'invalid-ingress-smi-multi.yml': { path: 'spec.strategy.canary.canaryService', message: 'Service "rollout-smi-experiment-canary" has unmatch label "app" in rollout' },
};

// valid-* files firedrill rejects, and the unsupported feature it names.
const UNSUPPORTED: Record<string, RegExp> = {
  'valid-alb-canary.yml': /experiment steps are not supported yet/,
  'valid-blue-green.yml': /blue-green strategy is not supported yet/,
  'valid-ingress-smi.yml': /experiment steps are not supported yet/,
  'valid-istio-v1alpha3.yml': /experiment steps are not supported yet/,
  'valid-istio-v1beta1-mulitiple-virtualsvcs.yml': /experiment steps are not supported yet/,
};

describe('kubectl argo rollouts lint cases (firedrill validate)', () => {
  if (!HAS_SHARED) {
    it.skip(`skipped: ${SHARED_DIR} is absent (the shared conformance data lives beside the checkout)`, () => {});
    return;
  }
  const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

  it('has a reason for every invalid-* file', () => {
    expect(files.filter((f) => f.startsWith('invalid')).sort()).toEqual(Object.keys(ARGO_REASONS).sort());
  });

  for (const file of files) {
    it(file, () => {
      const result = loadArgoManifests(readFileSync(resolve(DIR, file), 'utf8'), file);
      const reason = ARGO_REASONS[file];
      if (reason) {
        expect(result.rollouts).toEqual([]);
        expect(result.issues.map((i) => ({ path: i.path, message: i.message }))).toContainEqual(reason);
      } else if (UNSUPPORTED[file]) {
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) expect(issue.message).toMatch(UNSUPPORTED[file]);
      } else {
        expect(result.issues).toEqual([]);
        expect(result.rollouts).toHaveLength(1);
      }
    });
  }
});
