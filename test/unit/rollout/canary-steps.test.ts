import { describe, expect, it } from 'vitest';
import { makeRollout, startHarness } from './harness.ts';

const BACKGROUND = `      analysis:
        startingStep: 1
        templates: [{templateName: error-rate}]
        args: [{name: service-name, value: checkout}]`;

describe('canary controller: steps (SEMANTICS §6.2, §6.7)', () => {
  it('walks setWeight -> timed pause -> setWeight -> indefinite pause, then promotes on promote()', async () => {
    const h = startHarness(makeRollout(BACKGROUND));
    expect(h.handle.status().phase).toBe('Healthy');
    h.handle.update('v2');
    await h.run(10 * 60_000);
    expect(h.types('rollout.step.completed')).toEqual([
      '0s rollout.step.completed',
      '120s rollout.step.completed',
      '120s rollout.step.completed',
    ]);
    const st = h.handle.status();
    expect(st).toMatchObject({ phase: 'Paused', message: 'CanaryPauseStep', currentStepIndex: 3, controllerPause: true });
    expect(st.canary.weight).toBe(50);
    // The timed pause ends exactly at start + duration (Go's strict "after", fired at the deadline).
    const resumed = h.events.find((e) => e.type === 'rollout.resumed');
    expect(resumed?.t).toBe(120_000);

    h.handle.promote();
    const settledP = h.handle.waitForSettled();
    await h.run(60_000);
    const settled = await settledP;
    expect(settled).toMatchObject({ phase: 'Healthy', stableRS: 'v2', currentStepIndex: 5 });
    const completed = h.events.find((e) => e.type === 'rollout.completed');
    expect(completed?.data.message).toBe('Rollout completed update to revision 2 (v2): Completed all 5 canary steps');
    // Background analysis is terminated once fully promoted; the old stable goes after scaleDownDelaySeconds (30 s).
    expect(h.types('rollout.analysisrun.terminated')).toEqual(['600s rollout.analysisrun.terminated']);
    expect(h.target.calls.filter((c) => c.op === 'promote' || (c.op === 'scaleReplicaSet' && c.args[0] === 'v1'))).toEqual([
      { t: 600_000, op: 'promote', args: ['v2', 'v1'] },
      { t: 630_000, op: 'scaleReplicaSet', args: ['v1', 0] },
    ]);
  });

  it('names steps and events like Argo', async () => {
    const h = startHarness(makeRollout());
    h.handle.update('v2');
    await h.run(1000);
    const first = h.events.find((e) => e.type === 'rollout.step.completed')!;
    expect(first.data).toEqual({
      rollout: 'checkout', reason: 'RolloutStepCompleted', stepIndex: 1, steps: 5, step: 'setWeight: 20',
      message: 'Rollout step 1/5 completed (setWeight: 20)',
    });
    expect(h.events.find((e) => e.type === 'rollout.weight.changed')!.data.message).toBe('Traffic weight updated from 0 to 20');
    expect(h.events.find((e) => e.type === 'rollout.paused')!.data.message).toBe('Rollout is paused (CanaryPauseStep)');
  });

  it('a pause without duration waits for promote, however long', async () => {
    const h = startHarness(makeRollout('', '', '      - setWeight: 10\n      - pause: {}\n      - setWeight: 60'));
    h.handle.update('v2');
    await h.run(24 * 3_600_000);
    expect(h.handle.status()).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
    h.handle.promote();
    await h.run(1000);
    expect(h.handle.status()).toMatchObject({ phase: 'Healthy', stableRS: 'v2' });
  });

  it('a setWeight step waits for the canary pods, and the weight moves only once they are available', async () => {
    const h = startHarness(makeRollout(), { podsReadyAfterMs: 45_000 });
    h.handle.update('v2');
    await h.run(30_000);
    // 1 canary pod wanted (ceil(20% x 4)) but not yet available; Argo's phase rule reads updated < spec.replicas.
    expect(h.handle.status()).toMatchObject({ phase: 'Progressing', message: 'more replicas need to be updated', currentStepIndex: 0 });
    expect(h.handle.status().canary.weight).toBe(0);
    await h.run(30_000);
    expect(h.types('rollout.weight.changed')).toEqual(['45s rollout.weight.changed']);
    expect(h.types('rollout.paused')).toEqual(['45s rollout.paused']);
    expect(h.handle.status().currentStepIndex).toBe(1);
  });

  it('promote --full skips the remaining steps', async () => {
    const h = startHarness(makeRollout());
    h.handle.update('v2');
    await h.run(1000);
    h.handle.promote({ full: true });
    await h.run(1000);
    expect(h.handle.status()).toMatchObject({ phase: 'Healthy', stableRS: 'v2', currentStepIndex: 5, promoteFull: false });
    expect(h.events.find((e) => e.type === 'rollout.completed')!.data.message).toContain('Full promotion requested');
  });

  it('spec.paused holds the rollout ("manually paused")', async () => {
    const h = startHarness(makeRollout());
    h.handle.update('v2');
    await h.run(1000);
    h.handle.setPaused(true);
    await h.run(10 * 60_000);
    expect(h.handle.status()).toMatchObject({ phase: 'Paused', message: 'manually paused', currentStepIndex: 1 });
    h.handle.setPaused(false);
    await h.run(1000);
    // The 2m pause had expired meanwhile, setWeight 50 completes at once, then the indefinite pause.
    expect(h.handle.status()).toMatchObject({ phase: 'Paused', message: 'CanaryPauseStep', currentStepIndex: 3 });
  });

  it('basic canary (no trafficRouting) approximates the weight with pods and routes by pod share', async () => {
    const yaml = makeRollout().replace('      trafficRouting: {smi: {}}\n', '').replace('canaryService: checkout-canary', '').replace('stableService: checkout-stable', '');
    const h = startHarness(yaml);
    h.handle.update('v2');
    await h.run(1000);
    // replicas 4, setWeight 20: Argo picks 1 canary + 4 stable (5 pods with surge) = 20%.
    expect(h.target.calls.filter((c) => c.op === 'scaleReplicaSet')).toEqual([{ t: 0, op: 'scaleReplicaSet', args: ['v2', 1] }]);
    expect(h.target.calls.filter((c) => c.op === 'setCanaryWeight').map((c) => c.args[0])).toEqual([0, 20]);
  });

  it('basic canary: a step completes when the pods match, whatever share they give (3 pods, 50%)', async () => {
    const yaml = makeRollout('', '', '      - setWeight: 50\n      - pause: {}').replace('  replicas: 4', '  replicas: 3')
      .replace('      trafficRouting: {smi: {}}\n', '').replace('canaryService: checkout-canary', '').replace('stableService: checkout-stable', '');
    const h = startHarness(yaml);
    h.handle.update('v2');
    await h.run(1000);
    // 3 replicas at 50%: a tie between 1/3 and 2/3; with surge Argo picks 2 canary + 2 stable.
    expect(h.handle.status()).toMatchObject({ currentStepIndex: 1, phase: 'Paused' });
    expect(h.target.calls.filter((c) => c.op === 'scaleReplicaSet').map((c) => c.args)).toEqual([['v2', 2], ['v1', 2]]);
    expect(h.handle.status().canary.weight).toBe(50);
  });

  it('is deterministic: the same drill gives byte-identical events', async () => {
    const runOnce = async (): Promise<string> => {
      const h = startHarness(makeRollout(BACKGROUND), { script: () => [{ afterMs: 200_000, phase: 'Failed', message: 'x' }] });
      h.handle.update('v2');
      await h.run(20 * 60_000);
      return JSON.stringify(h.events);
    };
    expect(await runOnce()).toBe(await runOnce());
  });
});
