import { describe, expect, it } from 'vitest';
import { makeRollout, startHarness } from './harness.ts';

const BACKGROUND = `      analysis:
        templates: [{templateName: error-rate}]
        args: [{name: service-name, value: checkout}]`;

describe('canary controller: progress deadline (SEMANTICS §6.8)', () => {
  it('a canary that never becomes available is Degraded exactly progressDeadlineSeconds after the last progress', async () => {
    const h = startHarness(makeRollout('', '  progressDeadlineSeconds: 120'), { neverReady: ['v2'] });
    h.handle.update('v2');
    const settled = h.handle.waitForSettled();
    await h.run(10 * 60_000);
    expect(await settled).toMatchObject({
      phase: 'Degraded',
      message: 'ProgressDeadlineExceeded: ReplicaSet "checkout-v2" has timed out progressing.',
      abort: false,
    });
    expect(h.events.find((e) => e.type === 'rollout.phase' && e.data.phase === 'Degraded')?.t).toBe(120_000);
    // Without progressDeadlineAbort nothing rolls back: the canary keeps its (0) weight and pods.
    expect(h.target.calls.map((c) => c.op)).not.toContain('abortToStable');
  });

  it('with progressDeadlineAbort the rollout aborts with the timeout message', async () => {
    const h = startHarness(makeRollout('', '  progressDeadlineSeconds: 120\n  progressDeadlineAbort: true'), { neverReady: ['v2'] });
    h.handle.update('v2');
    await h.run(10 * 60_000);
    expect(h.handle.status()).toMatchObject({
      phase: 'Degraded',
      message: 'RolloutAborted: Rollout aborted update to revision 2: ReplicaSet "checkout-v2" has timed out progressing.',
      abort: true,
    });
    expect(h.events.find((e) => e.type === 'rollout.aborted')?.t).toBe(120_000);
  });

  it('time at a pause does not count against the deadline', async () => {
    const steps = '      - setWeight: 20\n      - pause: {duration: 10m}\n      - setWeight: 50';
    const h = startHarness(makeRollout('', '  progressDeadlineSeconds: 60', steps), { podsReadyAfterMs: 30_000 });
    h.handle.update('v2');
    await h.run(30 * 60_000);
    expect(h.handle.status()).toMatchObject({ phase: 'Healthy', stableRS: 'v2' });
  });
});

describe('canary controller: new revisions (SEMANTICS §6.7)', () => {
  it('a new revision mid-update restarts the steps, terminates the old runs and scales the old canary down', async () => {
    const h = startHarness(makeRollout(BACKGROUND));
    h.handle.update('v2');
    await h.run(3 * 60_000);
    expect(h.handle.status()).toMatchObject({ currentStepIndex: 3, phase: 'Paused' });
    h.handle.update('v3');
    await h.run(1_000);
    const st = h.handle.status();
    expect(st).toMatchObject({ revision: 3, currentPodHash: 'v3', stableRS: 'v1', currentStepIndex: 1, phase: 'Paused' });
    expect(h.runner.requests.map((r) => r.name)).toEqual(['checkout-v2-2', 'checkout-v3-3']);
    expect(h.events.filter((e) => e.t === 180_000).map((e) => e.type)).toContain('rollout.analysisrun.terminated');
    expect(h.target.calls.filter((c) => c.t === 180_000)).toEqual([
      { t: 180_000, op: 'setCanaryWeight', args: [0, 'v3', 'v1'] },
      { t: 180_000, op: 'scaleReplicaSet', args: ['v3', 1] },
      { t: 180_000, op: 'scaleReplicaSet', args: ['v2', 0] },
      { t: 180_000, op: 'setCanaryWeight', args: [20, 'v3', 'v1'] },
    ]);
  });

  it('updating back to the stable hash skips the steps (SkipSteps) and is Healthy at once', async () => {
    const h = startHarness(makeRollout(BACKGROUND));
    h.handle.update('v2');
    await h.run(60_000);
    h.handle.update('v1');
    await h.run(1_000);
    expect(h.handle.status()).toMatchObject({ phase: 'Healthy', revision: 3, currentPodHash: 'v1', stableRS: 'v1', currentStepIndex: 5 });
    expect(h.events.find((e) => e.type === 'rollout.skip-steps')?.data.message).toBe('Rollback to stable ReplicaSets');
    expect(h.target.calls.filter((c) => c.t === 60_000)).toEqual([
      { t: 60_000, op: 'setCanaryWeight', args: [0, 'v1', 'v1'] },
      { t: 60_000, op: 'scaleReplicaSet', args: ['v2', 0] },
    ]);
  });

  it('after an abort, retry restarts the steps with new analysis runs', async () => {
    const h = startHarness(makeRollout(BACKGROUND), {
      script: (req) => (req.name === 'checkout-v2-2' ? [{ afterMs: 10_000, phase: 'Failed' }] : []),
    });
    h.handle.update('v2');
    await h.run(60_000);
    expect(h.handle.status().phase).toBe('Degraded');
    h.handle.retry();
    await h.run(1_000);
    expect(h.handle.status()).toMatchObject({ abort: false, abortedAt: null, currentStepIndex: 1, phase: 'Paused' });
    expect(h.runner.requests.map((r) => r.name)).toEqual(['checkout-v2-2', 'checkout-v2-2.1']);
  });

  it('a user abort reads "Rollout aborted update to revision N"', async () => {
    const h = startHarness(makeRollout());
    h.handle.update('v2');
    await h.run(10_000);
    h.handle.abort();
    await h.run(1_000);
    expect(h.handle.status().message).toBe('RolloutAborted: Rollout aborted update to revision 2');
  });

  it('a missing template is InvalidSpec: Degraded, no progress', async () => {
    const h = startHarness(makeRollout(BACKGROUND.replace('error-rate', 'nope')), { templates: [] });
    expect(h.handle.status()).toMatchObject({
      phase: 'Degraded',
      message: 'InvalidSpec: The Rollout "checkout" is invalid: spec.strategy.canary.analysis.templates: AnalysisTemplate \'nope\' not found',
    });
    h.handle.update('v2');
    await h.run(60_000);
    expect(h.target.calls).toEqual([]);
  });
});
