import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ClusterObserver, type WatchedKind } from '../../../../src/world/cluster/kube/cluster-observer.ts';
import type { KubeObject } from '../../../../src/world/cluster/kube/kube-object.ts';
import type { ObservedEvent } from '../../../../src/rollout/observed/describe-observed-changes.ts';
import { findUncatalogued } from '../../../helpers/catalogued.ts';
import { HAS_SHARED, SHARED_DIR } from '../../../helpers/paths.ts';

/**
 * Sequences of objects as the real controller writes them -> the events the built-in engine emits.
 * The end states are the recorded objects of ../shared/conformance/argo/recorded (Argo's own test
 * data); the states before them are those objects rolled back by hand, field by field.
 */
const DIR = resolve(SHARED_DIR, 'conformance/argo/recorded');
const read = (file: string): KubeObject => parse(readFileSync(resolve(DIR, file), 'utf8')) as KubeObject;

function record(): { observer: ClusterObserver; events: ObservedEvent[]; feed: (kind: WatchedKind, obj: KubeObject, type?: 'ADDED' | 'MODIFIED' | 'DELETED') => ObservedEvent[] } {
  const events: ObservedEvent[] = [];
  const observer = new ClusterObserver((e) => events.push(e), (iso) => Date.parse(iso) - Date.parse('2020-09-22T09:09:46Z'));
  const feed = (kind: WatchedKind, obj: KubeObject, type: 'ADDED' | 'MODIFIED' | 'DELETED' = 'MODIFIED') => {
    const from = events.length;
    observer.observe(kind, { type, object: structuredClone(obj) });
    return events.slice(from);
  };
  return { observer, events, feed };
}

/** Events as a timeline would hold them, for the strict catalog check. */
const asTimeline = (events: ObservedEvent[]) => events.map((e) => ({ t: 0, type: e.type, source: e.type.split('.')[0], ...e.data }));

describe('watching a cluster: recorded objects -> timeline events', () => {
  if (!HAS_SHARED) {
    it.skip(`skipped: ${SHARED_DIR} is absent (the recorded Argo objects live beside the checkout)`, () => {});
    return;
  }

  it('the aborted rollout: background run created, measured Failed, run Failed, rollout aborted', () => {
    const { feed, events } = record();
    const finalRollout = read('rollout-aborted_rollout.yaml');
    const finalRun = read('rollout-aborted_analysisrun.yaml');
    // Before: revision 2 progressing at its first step, its background run just started.
    const before = structuredClone(finalRollout) as KubeObject & { status: Record<string, unknown> };
    before.status = { ...before.status, abort: undefined, abortedAt: undefined, conditions: [(before.status.conditions as unknown[])[0]],
      canary: { currentBackgroundAnalysisRunStatus: { name: finalRun.metadata.name, status: 'Running' } } };
    const runStarted = structuredClone(finalRun) as KubeObject & { status: Record<string, unknown> };
    runStarted.status = { phase: 'Running', startedAt: '2020-09-22T09:10:04Z' };

    expect(feed('Rollout', before, 'ADDED').map((e) => e.type)).toEqual(['rollout.analysisrun.phase', 'rollout.phase']);
    expect(feed('AnalysisRun', runStarted, 'ADDED').map((e) => [e.type, e.data])).toEqual([
      ['rollout.analysisrun.created', { rollout: 'rollout-background-analysis', run: 'rollout-background-analysis-db976bc44-2', runType: 'Background' }],
      ['analysis.run.phase', { run: 'rollout-background-analysis-db976bc44-2', phase: 'Running', previous: 'Pending' }],
    ]);
    expect(feed('AnalysisRun', finalRun).map((e) => [e.type, e.data])).toEqual([
      ['analysis.measurement', {
        run: 'rollout-background-analysis-db976bc44-2', metric: 'web', phase: 'Failed', value: 'false', startedAt: 18_000, finishedAt: 18_000,
        count: 1, successful: 0, failed: 1, inconclusive: 0, error: 0, consecutiveError: 0, consecutiveSuccess: 0,
      }],
      ['analysis.metric.phase', { run: 'rollout-background-analysis-db976bc44-2', metric: 'web', phase: 'Failed', previous: 'Pending' }],
      ['analysis.run.phase', { run: 'rollout-background-analysis-db976bc44-2', phase: 'Failed', previous: 'Running', message: 'metric "web" assessed Failed due to failed (1) > failureLimit (0)' }],
    ]);
    expect(feed('Rollout', finalRollout).map((e) => [e.type, e.data.reason ?? e.data.phase])).toEqual([
      ['rollout.analysisrun.phase', 'AnalysisRunFailed'], ['rollout.aborted', 'RolloutAborted'], ['rollout.phase', 'Degraded'],
    ]);
    expect(findUncatalogued(asTimeline(events))).toEqual([]);
  });

  it('a snapshot seen again (a re-opened watch lists everything as ADDED) gives no events', () => {
    const { feed } = record();
    feed('Rollout', read('rollout-aborted_rollout.yaml'), 'ADDED');
    feed('AnalysisRun', read('rollout-aborted_analysisrun.yaml'), 'ADDED');
    expect(feed('Rollout', read('rollout-aborted_rollout.yaml'), 'ADDED')).toEqual([]);
    expect(feed('AnalysisRun', read('rollout-aborted_analysisrun.yaml'), 'ADDED')).toEqual([]);
  });

  it('a canary advancing: steps completed, the weight Argo set, ReplicaSets scaled with their roles', () => {
    const { feed, events } = record();
    const rollout = read('canary_canary-rollout.yaml') as KubeObject & { status: Record<string, unknown> };
    rollout.status = { ...rollout.status, conditions: [], currentStepIndex: 0, canary: {} };
    feed('Rollout', rollout, 'ADDED');
    const stable = replicaSet('canary-demo-877894d5b', '877894d5b', 30, 5);
    const canary = replicaSet('canary-demo-65fb5ffc84', '65fb5ffc84', 31, 0);
    feed('ReplicaSet', stable, 'ADDED');
    feed('ReplicaSet', canary, 'ADDED');
    canary.spec.replicas = 1;
    expect(feed('ReplicaSet', canary).map((e) => e.data)).toEqual([{
      rollout: 'canary-demo', reason: 'ScalingReplicaSet', replicaSet: 'canary-demo-65fb5ffc84', role: 'canary', revision: 31, from: 0, to: 1,
      message: 'Scaled up ReplicaSet canary-demo-65fb5ffc84 (revision 31) from 0 to 1',
    }]);
    rollout.status = { ...rollout.status, currentStepIndex: 1, canary: { weights: { canary: { weight: 20, podTemplateHash: '65fb5ffc84' }, stable: { weight: 80 } } } };
    expect(feed('Rollout', rollout).map((e) => [e.type, e.data.message])).toEqual([
      ['rollout.step.completed', 'Rollout step 1/8 completed (setWeight: 20)'],
      ['rollout.weight.changed', 'Traffic weight updated from 0 to 20'],
    ]);
    expect(findUncatalogued(asTimeline(events))).toEqual([]);
    expect(events.filter((e) => e.type === 'rollout.replicaset.scaled').map((e) => `${e.data.role} ${e.data.from}->${e.data.to}`)).toEqual(['stable 0->5', 'canary 0->1']);
  });

  it('a step analysis run carries its step index; terminating it is reported for the rollout and the run', () => {
    const { feed } = record();
    const run = read('experiment-analysis_canary-analysis.yaml') as KubeObject & { spec: Record<string, unknown> };
    run.metadata.ownerReferences = [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'canary-demo', controller: true }];
    run.metadata.labels = { ...run.metadata.labels, 'rollout-type': 'Step', 'step-index': '2' };
    expect(feed('AnalysisRun', run, 'ADDED')[0].data).toEqual({ rollout: 'canary-demo', run: run.metadata.name, runType: 'Step', stepIndex: 2 });
    run.spec.terminate = true;
    expect(feed('AnalysisRun', run).map((e) => e.type)).toEqual(['analysis.run.terminate', 'rollout.analysisrun.terminated']);
  });

  it('an AnalysisRun a Rollout does not control (an Experiment\'s) still gives analysis events, without a rollout event', () => {
    const { feed, events } = record();
    const run = read('experiment-analysis_canary-analysis.yaml');
    run.metadata.ownerReferences = [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Experiment', name: 'an-experiment', controller: true }];
    const out = feed('AnalysisRun', run, 'ADDED');
    expect(out.some((e) => e.type.startsWith('rollout.'))).toBe(false);
    expect(out.filter((e) => e.type === 'analysis.measurement').length).toBeGreaterThan(0);
    expect(findUncatalogued(asTimeline(events))).toEqual([]);
  });
});

function replicaSet(name: string, hash: string, revision: number, replicas: number) {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name, namespace: 'jesse-test', labels: { app: 'canary-demo', 'rollouts-pod-template-hash': hash }, annotations: { 'rollout.argoproj.io/revision': String(revision) },
      ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'canary-demo', controller: true }] },
    spec: { replicas },
  };
}
