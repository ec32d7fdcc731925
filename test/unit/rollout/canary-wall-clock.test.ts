import { describe, expect, it } from 'vitest';
import { WallClock } from '../../../src/clock/wall-clock.ts';
import { startRolloutController } from '../../../src/rollout/canary/start-rollout-controller.ts';
import { loadArgoManifests } from '../../../src/rollout/manifests/load-argo-manifests.ts';
import { createRecordingTarget, createScriptedRunner } from './fakes.ts';
import { makeRollout } from './harness.ts';

describe('canary controller on the wall clock', () => {
  it('runs the same steps in real time (short pauses, analysis step)', async () => {
    const steps = '      - setWeight: 20\n      - pause: {duration: 0}\n      - analysis: {templates: [{templateName: smoke}]}\n      - setWeight: 100';
    const loaded = loadArgoManifests(makeRollout('', '', steps), 'w.yaml');
    const clock = new WallClock();
    const types: string[] = [];
    const handle = startRolloutController({
      rollout: loaded.rollouts[0], templates: loaded.analysisTemplates, clock,
      metrics: { kind: 'none', instant: () => Promise.reject(new Error('unused')), range: () => Promise.reject(new Error('unused')) },
      target: createRecordingTarget(clock, { podsReadyAfterMs: 5 }),
      emit: (type) => void types.push(type),
      analysisRunner: createScriptedRunner(clock, () => [{ afterMs: 20, phase: 'Successful' }]),
    });
    handle.update('v2');
    const settled = await handle.waitForSettled(AbortSignal.timeout(5_000));
    handle.stop();
    expect(settled).toMatchObject({ phase: 'Healthy', stableRS: 'v2', currentStepIndex: 4 });
    expect(types.filter((t) => t === 'rollout.step.completed')).toHaveLength(4);
  });
});
