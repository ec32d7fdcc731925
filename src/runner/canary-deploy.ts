import { startRolloutController, type RolloutControllerHandle } from '../rollout/index.ts';
import type { Timeline } from '../timeline/timeline.ts';
import type { World } from '../world/world.ts';
import { selectRollout, type ArgoStack } from './argo-stack.ts';
import type { DeployStrategy } from './start-remediation.ts';
import { WorldRolloutTarget } from './world-rollout-target.ts';
import { RecordedAnalysisRuns } from './incident/recorded-analysis-runs.ts';

/** Pod-template hashes: the testbed commits' short ids. */
const HASH_LENGTH = 10;
const hashOf = (commit: string): string => commit.slice(0, HASH_LENGTH);

/**
 * L1: the deploy is an update of the service's Argo Rollout, run by the Argo-compatible
 * controller against the world. An abort pages the human afterwards (Argo Notifications'
 * on-rollout-aborted), as does a rollout paused by an Inconclusive analysis. The human's rollback
 * is `kubectl argo rollouts abort` while the update is in progress, or `undo` plus
 * `promote --full` once the bad revision was promoted.
 */
export function startCanaryDeploy(opts: {
  world: World; timeline: Timeline; argo: ArgoStack; stackName: string; notify: (reason: string) => void;
}): DeployStrategy {
  const { world, timeline, argo } = opts;
  const hashes = { v1: hashOf(world.workspace.v1), v2: hashOf(world.workspace.v2) };
  // Every commit this Rollout has been given, by pod-template hash.
  const commits = new Map<string, string>([[hashes.v1, world.workspace.v1], [hashes.v2, world.workspace.v2]]);
  const commitOfHash = (hash: string): string => {
    const commit = commits.get(hash);
    if (!commit) throw new Error(`no commit behind pod-template hash ${hash}`);
    return commit;
  };
  const rollout = selectRollout(argo, world.deployService, opts.stackName);
  let lastAct = 0;
  const emit = (type: string, data: Record<string, unknown>): void => {
    const t = world.clock.now();
    lastAct = t;
    timeline.emitUntyped(t, type.split('.')[0], type, data);
    if (type === 'rollout.aborted') opts.notify('RolloutAborted');
    if (type === 'rollout.paused' && String(data.pauseReason ?? '').includes('Inconclusive')) opts.notify('RolloutPausedInconclusive');
  };
  // The analysis engine keeps the runs it starts: the agents' toolbox shows them as kubectl would.
  const analysisRuns = new RecordedAnalysisRuns({ clock: world.clock, metrics: world.metrics, emit });
  const target = new WorldRolloutTarget(world, commitOfHash, hashes.v1);
  // A world with a controller of its own (the cluster backend: the real Argo controller) decides
  // there; every other world gets the built-in engine. The runner drives both the same way.
  const own = world.startRolloutController?.({ rollout: rollout.name, commitOfHash, hashOfCommit: hashOf, target, emit });
  const controller: RolloutControllerHandle = own ?? startRolloutController({
    rollout,
    templates: argo.templates,
    clusterTemplates: argo.clusterTemplates,
    clock: world.clock,
    metrics: world.metrics,
    target,
    initialPodHash: hashes.v1,
    emit,
    analysisRunner: analysisRuns.runner,
  });
  const status = (): ReturnType<RolloutControllerHandle['status']> => controller.status();
  // v2 serves users while it is stable, or the current (canary) revision of an update not aborted.
  const isLive = (): boolean => {
    const s = status();
    return s.stableRS === hashes.v2 || (s.currentPodHash === hashes.v2 && !s.abort);
  };
  return {
    async start() {
      await own?.ready;
      controller.update(hashes.v2);
    },
    async deployRevision(commit: string) {
      commits.set(hashOf(commit), commit);
      controller.update(hashOf(commit));
      await controller.waitForSettled().catch(() => undefined);
    },
    applyTemplates: (templates, clusterTemplates) => controller.applyTemplates(templates, clusterTemplates),
    isLive,
    async rollback() {
      const promoted = status().stableRS === hashes.v2;
      if (promoted) {
        // An emergency rollback: undo, then promote --full so v1 skips the canary steps. Walking
        // v1 back through the same analysis fails during a cascade (the saturated dependency
        // makes the good revision look bad too) and leaves users on v2.
        controller.update(hashes.v1);
        await waitForStatus(controller, (st) => st.currentPodHash === hashes.v1);
        controller.promote({ full: true });
        timeline.emit(world.clock.now(), 'oncall', 'deploy.rollback-requested', { service: world.deployService, by: 'human', how: 'kubectl argo rollouts undo && promote --full' });
        await controller.waitForSettled();
      } else {
        controller.abort();
      }
      timeline.emit(world.clock.now(), 'oncall', 'deploy.rolled-back', { service: world.deployService, by: 'human', how: promoted ? 'undo to v1, promoted in full' : 'abort' });
    },
    settledAt: () => {
      const s = status();
      return s.phase === 'Progressing' || s.phase === 'Paused' ? 'open' : lastAct;
    },
    analysisRuns,
    rolloutView: () => ({
      rollout: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: rollout.name }, spec: rollout.spec, status: status() },
      analysisRuns: analysisRuns.objects(),
    }),
    rolloutSnapshot: () => {
      const s = status();
      const commitOf = (hash: string): string => commits.get(hash) ?? hash;
      const steps = rollout.spec.strategy?.canary?.steps?.length;
      const canary = s.currentPodHash !== s.stableRS ? commitOf(s.currentPodHash) : undefined;
      return {
        name: rollout.name,
        service: world.deployService,
        phase: s.phase,
        ...(s.message ? { message: s.message } : {}),
        aborted: s.abort,
        stableCommit: commitOf(s.stableRS),
        ...(canary ? { canaryCommit: canary } : {}),
        canaryWeight: s.canary.weight,
        ...(steps !== undefined && s.currentStepIndex !== null ? { step: { index: s.currentStepIndex, count: steps } } : {}),
      };
    },
  };
}

/** Resolves once the controller's status satisfies `ready` (a command acts on a reconciled spec). */
function waitForStatus(controller: RolloutControllerHandle, ready: (s: ReturnType<RolloutControllerHandle['status']>) => boolean): Promise<void> {
  if (ready(controller.status())) return Promise.resolve();
  return new Promise((resolve) => {
    const off = controller.onChange((st) => {
      if (!ready(st)) return;
      off();
      resolve();
    });
  });
}
