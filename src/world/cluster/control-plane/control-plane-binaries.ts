import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InfraError } from '../../../util/errors.ts';
import { isExecutable } from '../../../util/find-executable.ts';
import { describeGoToolBuild, GO_TOOLS_SCRIPT, readGoToolPins, resolveCachedGoTool, type FoundGoTool } from '../../../util/go-tools.ts';

/** The programs of the local control plane, each a binary pinned in clusters/tools/go-tools.pins. */
export const CONTROL_PLANE_BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok', 'rollouts-controller'] as const;
export type ControlPlaneBinary = (typeof CONTROL_PLANE_BINARIES)[number];

export interface ControlPlaneBinaries {
  tools: Record<ControlPlaneBinary, FoundGoTool>;
  /** Argo Rollouts' CRDs, copied from the controller's module when it was built (artifacts.txt). */
  crdFiles: string[];
  /** kwok's default node and pod stages, copied from its module the same way. */
  kwokStages: string[];
}

const CRD_FILES = ['rollout-crd.yaml', 'analysis-template-crd.yaml', 'cluster-analysis-template-crd.yaml', 'analysis-run-crd.yaml', 'experiment-crd.yaml'].map((f) => `manifests/crds/${f}`);
const KWOK_STAGES = ['node/fast/node-initialize.yaml', 'node/heartbeat/node-heartbeat.yaml', 'pod/fast/pod-ready.yaml', 'pod/fast/pod-complete.yaml', 'pod/fast/pod-delete.yaml'].map((f) => `kustomize/stage/${f}`);

/**
 * Finds every binary from its pinned build (no PATH fallback: a kube-apiserver of another version
 * on PATH would make a different cluster than the one the tests and README describe).
 * Throws one InfraError listing everything missing, with the build command as the hint.
 */
export function findControlPlaneBinaries(env: NodeJS.ProcessEnv = process.env): ControlPlaneBinaries {
  const tools: Partial<Record<ControlPlaneBinary, FoundGoTool>> = {};
  const missing: string[] = [];
  const builds = new Set<string>();
  const pins = readGoToolPins();
  for (const binary of CONTROL_PLANE_BINARIES) {
    const pin = pins.find((p) => p.binary === binary);
    if (!pin) throw new InfraError(`${binary} is not pinned in clusters/tools/go-tools.pins`);
    const path = resolveCachedGoTool(pin, env);
    if (isExecutable(path)) tools[binary] = { path, from: 'cache', pin };
    else {
      missing.push(`${binary} (${pin.module}@${pin.version})`);
      builds.add(describeGoToolBuild(pin));
    }
  }
  // Files a build copies next to its binary (clusters/tools/<name>/artifacts.txt).
  const besides = (binary: ControlPlaneBinary, files: string[], what: string): string[] => {
    const tool = tools[binary];
    if (!tool) return [];
    const paths = files.map((f) => join(dirname(tool.path), f));
    const absent = paths.filter((f) => !existsSync(f));
    if (absent.length > 0) {
      missing.push(`${what} (${absent.join(', ')})`);
      builds.add(`rm -r ${dirname(tool.path)}; ${describeGoToolBuild(tool.pin)}`);
    }
    return paths;
  };
  const crdFiles = besides('rollouts-controller', CRD_FILES, "Argo Rollouts' CRDs");
  const kwokStages = besides('kwok', KWOK_STAGES, "kwok's stages");
  if (missing.length > 0) {
    throw new InfraError(`the local control plane needs binaries that are not built: ${missing.join(', ')}`, {
      hint: `build them (cached by version, a no-op once built): ${[...builds].join('; ')}. Every pinned tool at once: ${GO_TOOLS_SCRIPT}`,
    });
  }
  return { tools: tools as Record<ControlPlaneBinary, FoundGoTool>, crdFiles, kwokStages };
}
