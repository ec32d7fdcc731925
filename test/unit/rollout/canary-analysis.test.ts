import { describe, expect, it } from 'vitest';
import type { ScriptedPhase } from './fakes.ts';
import { makeRollout, startHarness } from './harness.ts';

const BACKGROUND = `      analysis:
        startingStep: 1
        templates: [{templateName: error-rate}]
        args: [{name: service-name, value: checkout}]`;
const FAILED_MSG = 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)';
const background = (phases: ScriptedPhase[]) => (req: { labels: Record<string, string> }) =>
  req.labels['rollout-type'] === 'Background' ? phases : [];

describe('canary controller: analysis (SEMANTICS §6.3-§6.6)', () => {
  it('a Failed background run aborts: weight 0 at once, Degraded, step 0, canary scaled down 30 s later', async () => {
    const h = startHarness(makeRollout(BACKGROUND), { script: background([{ afterMs: 90_000, phase: 'Failed', message: FAILED_MSG }]) });
    h.handle.update('v2');
    const settled = h.handle.waitForSettled();
    await h.run(5 * 60_000);
    const expected = `Rollout aborted update to revision 2: Background analysis phase error/failed: ${FAILED_MSG}`;
    expect(await settled).toMatchObject({ phase: 'Degraded', message: `RolloutAborted: ${expected}`, abort: true, abortedAt: 90_000, currentStepIndex: 0, stableRS: 'v1' });
    expect(h.events.find((e) => e.type === 'rollout.aborted')).toMatchObject({ t: 90_000, data: { reason: 'RolloutAborted', message: expected } });
    expect(h.types('rollout.analysisrun.phase')).toEqual(['0s rollout.analysisrun.phase', '90s rollout.analysisrun.phase']);
    expect(h.target.calls.filter((c) => c.t >= 90_000)).toEqual([
      { t: 90_000, op: 'abortToStable', args: ['v1', 'v2'] },
      { t: 120_000, op: 'scaleReplicaSet', args: ['v2', 0] },
    ]);
    // No RolloutResumed for an abort that clears the pause (sendStateChangeEvents).
    expect(h.types('rollout.resumed')).toEqual([]);
  });

  it('an Error run aborts the same way', async () => {
    const h = startHarness(makeRollout(BACKGROUND), { script: background([{ afterMs: 10_000, phase: 'Error', message: 'boom' }]) });
    h.handle.update('v2');
    await h.run(60_000);
    expect(h.handle.status().message).toBe('RolloutAborted: Rollout aborted update to revision 2: Background analysis phase error/failed: boom');
  });

  it('background analysis does not start before startingStep', async () => {
    const h = startHarness(makeRollout(BACKGROUND), { podsReadyAfterMs: 60_000 });
    h.handle.update('v2');
    await h.run(59_000);
    expect(h.runner.requests).toHaveLength(0);
    await h.run(2_000);
    expect(h.runner.requests.map((r) => [r.name, r.labels['rollout-type'], r.args])).toEqual([
      ['checkout-v2-2', 'Background', [{ name: 'service-name', value: 'checkout' }]],
    ]);
  });

  it('abortScaleDownDelaySeconds: 0 keeps the aborted canary; 10 scales it down after 10 s', async () => {
    for (const [delay, expected] of [[0, []], [10, [{ t: 40_000, op: 'scaleReplicaSet', args: ['v2', 0] }]]] as const) {
      const h = startHarness(makeRollout(`${BACKGROUND}\n      abortScaleDownDelaySeconds: ${delay}`), {
        script: background([{ afterMs: 30_000, phase: 'Failed' }]),
      });
      h.handle.update('v2');
      await h.run(10 * 60_000);
      expect(h.target.calls.filter((c) => c.op === 'scaleReplicaSet' && c.t > 0)).toEqual(expected);
      expect(h.handle.status().phase).toBe('Degraded');
    }
  });

  it('an inline analysis step advances only on Successful', async () => {
    const steps = '      - setWeight: 20\n      - analysis: {templates: [{templateName: smoke}]}\n      - setWeight: 60';
    const h = startHarness(makeRollout('', '', steps), { script: () => [{ afterMs: 60_000, phase: 'Successful' }] });
    h.handle.update('v2');
    await h.run(59_000);
    expect(h.handle.status()).toMatchObject({ currentStepIndex: 1, phase: 'Progressing' });
    expect(h.handle.status().canary.currentStepAnalysisRunStatus).toEqual({ name: 'checkout-v2-2-1', status: 'Running', message: '' });
    await h.run(2_000);
    expect(h.handle.status()).toMatchObject({ phase: 'Healthy', stableRS: 'v2' });
    expect(h.runner.requests[0].labels).toEqual({ 'rollout-type': 'Step', 'rollouts-pod-template-hash': 'v2', 'step-index': '1' });
  });

  it('a Failed inline step aborts with "Step-based analysis phase error/failed"', async () => {
    const steps = '      - setWeight: 20\n      - analysis: {templates: [{templateName: smoke}]}';
    const h = startHarness(makeRollout('', '', steps), { script: () => [{ afterMs: 5_000, phase: 'Failed', message: FAILED_MSG }] });
    h.handle.update('v2');
    await h.run(60_000);
    expect(h.handle.status().message).toBe(`RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed: ${FAILED_MSG}`);
  });

  it('an Inconclusive inline run pauses (InconclusiveAnalysisRun); promote skips the analysis step', async () => {
    const steps = '      - setWeight: 20\n      - analysis: {templates: [{templateName: smoke}]}\n      - setWeight: 60\n      - pause: {}';
    const h = startHarness(makeRollout('', '', steps), { script: () => [{ afterMs: 5_000, phase: 'Inconclusive' }] });
    h.handle.update('v2');
    await h.run(60 * 60_000);
    expect(h.handle.status()).toMatchObject({ phase: 'Paused', message: 'InconclusiveAnalysisRun', currentStepIndex: 1 });
    h.handle.promote();
    await h.run(1_000);
    expect(h.handle.status()).toMatchObject({ phase: 'Paused', message: 'CanaryPauseStep', currentStepIndex: 3 });
    expect(h.runner.requests).toHaveLength(1);
  });

  it('an Inconclusive background run pauses; promote resumes with a new run (name suffix .1)', async () => {
    const h = startHarness(makeRollout(BACKGROUND), { script: background([{ afterMs: 30_000, phase: 'Inconclusive' }]) });
    h.handle.update('v2');
    await h.run(60_000);
    expect(h.handle.status()).toMatchObject({ phase: 'Paused', message: 'CanaryPauseStep' });
    expect(h.handle.status().pauseConditions.map((c) => c.reason)).toEqual(['CanaryPauseStep', 'InconclusiveAnalysisRun']);
    h.handle.promote();
    await h.run(1_000);
    expect(h.runner.requests.map((r) => r.name)).toEqual(['checkout-v2-2', 'checkout-v2-2.1']);
  });

  it('the rollout reacts to the run phase in the same instant (§10.1)', async () => {
    const h = startHarness(makeRollout(BACKGROUND), { script: background([{ afterMs: 12_345, phase: 'Failed' }]) });
    h.handle.update('v2');
    await h.run(60_000);
    expect(h.events.find((e) => e.type === 'rollout.aborted')?.t).toBe(12_345);
  });

  it('resolves args: values, pod template hashes, fieldRefs from the world first, then from the rollout', async () => {
    const args = `args:
        - {name: service-name, value: checkout}
        - {name: latest, valueFrom: {podTemplateHashValue: Latest}}
        - {name: stable, valueFrom: {podTemplateHashValue: Stable}}
        - {name: name, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
        - {name: app, valueFrom: {fieldRef: {fieldPath: spec.template.metadata.labels.app}}}
        - {name: uid, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}`;
    const yaml = makeRollout(BACKGROUND.replace('args: [{name: service-name, value: checkout}]', args));
    const seen: string[] = [];
    const h = startHarness(yaml, {
      resolveFieldRef: (path, ctx) => {
        seen.push(`${path} ${ctx.argName} ${ctx.canary.podHash}`);
        return path === 'metadata.uid' ? 'uid-123' : undefined;
      },
    });
    h.handle.update('v2');
    await h.run(1_000);
    expect(h.runner.requests[0].args).toEqual([
      { name: 'service-name', value: 'checkout' }, { name: 'latest', value: 'v2' }, { name: 'stable', value: 'v1' },
      { name: 'name', value: 'checkout' }, { name: 'app', value: 'checkout' }, { name: 'uid', value: 'uid-123' },
    ]);
    expect(seen).toEqual(['metadata.name name v2', 'spec.template.metadata.labels.app app v2', 'metadata.uid uid v2']);
  });

  it('a run that cannot be created is reported once and retried', async () => {
    const yaml = makeRollout(BACKGROUND.replace("args: [{name: service-name, value: checkout}]", "args: [{name: service-name, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}]"));
    const h = startHarness(yaml);
    h.handle.update('v2');
    await h.run(5 * 60_000);
    const failed = h.events.filter((e) => e.type === 'rollout.analysisrun.create-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].data.message).toBe("args.service-name could not be resolved: fieldRef 'metadata.uid' is assigned by the cluster");
  });
});
