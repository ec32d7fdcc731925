import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VirtualClock } from '../../../src/clock/virtual-clock.ts';
import { startRolloutController } from '../../../src/rollout/canary/start-rollout-controller.ts';
import { loadArgoManifests } from '../../../src/rollout/manifests/load-argo-manifests.ts';
import { describeObservedChanges } from '../../../src/rollout/observed/describe-observed-changes.ts';
import { observeArgoRollout } from '../../../src/rollout/observed/observe-argo-rollout.ts';
import { createRecordingTarget, createScriptedRunner } from '../../unit/rollout/fakes.ts';
import { HAS_SHARED, SHARED_DIR } from '../../helpers/paths.ts';

/**
 * Rollouts as the real controller wrote them (../shared/conformance/argo/recorded, see its README):
 * the shared phase logic (rolloututil.go:CalculateRolloutPhase) must give what `kubectl argo
 * rollouts` shows for them, the status mapping must yield the built-in engine's events, and the
 * built-in engine must reach the same state from the same spec and the same analysis outcome.
 */
const DIR = resolve(SHARED_DIR, 'conformance/argo/recorded');
const read = (file: string): unknown => parse(readFileSync(resolve(DIR, file), 'utf8'));
const timedOut = (rs: string): string => `ProgressDeadlineExceeded: ReplicaSet "${rs}" has timed out progressing.`;

const EXPECTED_PHASES: Record<string, { phase: string; message: string }> = {
  // pkg/kubectl-argo-rollouts/info/info_test.go:TestRolloutAborted
  'rollout-aborted_rollout.yaml': { phase: 'Degraded', message: 'RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)' },
  'canary_canary-rollout.yaml': { phase: 'Degraded', message: timedOut('canary-demo-65fb5ffc84') },
  'canary_canary-rollout2.yaml': { phase: 'Degraded', message: timedOut('canary-demo-65fb5ffc84') },
  'canary_canary-rollout3.yaml': { phase: 'Degraded', message: timedOut('canary-demo-65fb5ffc84') },
  'canary_canary-rollout4.yaml': { phase: 'Degraded', message: timedOut('canary-demo-65fb5ffc84') },
  'canary_canary-rollout5.yaml': { phase: 'Degraded', message: timedOut('canary-demo-65fb5ffc84') },
  'canary_canary-rollout6.yaml': { phase: 'Degraded', message: timedOut('canary-demo-65fb5ffc84') },
  // A condition beats the InconclusiveAnalysisRun pause (rule 2 before rule 4).
  'experiment-analysis_rollout-experiment-analysis.yaml': { phase: 'Degraded', message: timedOut('rollout-experiment-analysis-6f646bf7b7') },
};

describe('recorded Argo Rollout objects', () => {
  if (!HAS_SHARED) {
    it.skip(`skipped: ${SHARED_DIR} is absent (the shared conformance data lives beside the checkout)`, () => {});
    return;
  }

  for (const [file, expected] of Object.entries(EXPECTED_PHASES)) {
    it(`phase of ${file}`, () => {
      const o = observeArgoRollout(read(file));
      expect({ phase: o.status.phase, message: o.status.message }).toEqual(expected);
    });
  }

  it('maps the aborted rollout to the events the built-in engine emits', () => {
    const events = describeObservedChanges(undefined, observeArgoRollout(read('rollout-aborted_rollout.yaml')));
    expect(events.map((e) => e.type)).toEqual(['rollout.analysisrun.phase', 'rollout.aborted', 'rollout.phase']);
    expect(events[0].data).toMatchObject({ reason: 'AnalysisRunFailed', run: 'rollout-background-analysis-db976bc44-2', runType: 'Background', phase: 'Failed', previous: 'NoPreviousStatus' });
    expect(events[1].data).toMatchObject({ reason: 'RolloutAborted', revision: 2, message: 'metric "web" assessed Failed due to failed (1) > failureLimit (0)' });
  });

  it('turns step progress between two snapshots into step events', () => {
    const before = read('canary_canary-rollout.yaml') as { status: Record<string, unknown> };
    const after = structuredClone(before);
    after.status.currentStepIndex = 2;
    const events = describeObservedChanges(observeArgoRollout(before), observeArgoRollout(after));
    expect(events.map((e) => e.data.message)).toEqual(['Rollout step 1/8 completed (setWeight: 20)', 'Rollout step 2/8 completed (pause)']);
  });

  it('the built-in engine reaches the recorded aborted state from the recorded spec', async () => {
    // The recorded rollout, with its status dropped (it is input to nothing).
    const doc = read('rollout-aborted_rollout.yaml') as Record<string, unknown>;
    const run = read('rollout-aborted_analysisrun.yaml') as { status: { message: string } };
    delete doc.status;
    const template = 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: web-background}\nspec:\n  metrics:\n  - name: web\n    interval: 5s\n    successCondition: result == "true"\n    provider: {web: {url: "http://127.0.0.1/", jsonPath: "{$.completed}"}}\n';
    const loaded = loadArgoManifests(`${JSON.stringify(doc)}\n---\n${template}`, 'recorded', { requireTemplates: true });
    expect(loaded.issues).toEqual([]);
    const clock = new VirtualClock(0);
    const runner = createScriptedRunner(clock, () => [{ afterMs: 0, phase: 'Failed', message: run.status.message }]);
    const handle = startRolloutController({
      rollout: loaded.rollouts[0], templates: loaded.analysisTemplates, clock, target: createRecordingTarget(clock),
      metrics: { kind: 'none', instant: () => Promise.reject(new Error('unused')), range: () => Promise.reject(new Error('unused')) },
      emit: () => {}, analysisRunner: runner, initialPodHash: '7d84d44bb8',
    });
    handle.update('db976bc44');
    await clock.runUntil(60_000);
    const ours = handle.status();
    const theirs = observeArgoRollout(read('rollout-aborted_rollout.yaml')).status;
    expect(runner.requests[0].name).toBe('rollout-background-analysis-db976bc44-2');
    for (const s of [ours, theirs]) {
      expect(s).toMatchObject({ phase: 'Degraded', abort: true, currentStepIndex: 0, stableRS: '7d84d44bb8', currentPodHash: 'db976bc44', revision: 2 });
      expect(s.conditions.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'RolloutAborted' });
    }
    // Since 2020 the condition message gained a prefix (SEMANTICS §6.6); the run message is the same.
    expect(ours.message).toBe(`RolloutAborted: Rollout aborted update to revision 2: Background analysis phase error/failed: ${run.status.message}`);
  });
});
