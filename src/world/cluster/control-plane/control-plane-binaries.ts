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
}

const CRD_FILES = ['rollout-crd.yaml', 'analysis-template-crd.yaml', 'cluster-analysis-template-crd.yaml', 'analysis-run-crd.yaml', 'experiment-crd.yaml'];

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
  const argo = tools['rollouts-controller'];
  const crdFiles = argo ? CRD_FILES.map((f) => join(dirname(argo.path), 'manifests', 'crds', f)) : [];
  const absentCrds = crdFiles.filter((f) => !existsSync(f));
  if (absentCrds.length > 0) {
    missing.push(`Argo Rollouts CRDs (${absentCrds.join(', ')})`);
    if (argo) builds.add(describeGoToolBuild(argo.pin));
  }
  if (missing.length > 0) {
    throw new InfraError(`the local control plane needs binaries that are not built: ${missing.join(', ')}`, {
      hint: `build them (cached by version, a no-op once built): ${[...builds].join('; ')}. Every pinned tool at once: ${GO_TOOLS_SCRIPT}`,
    });
  }
  return { tools: tools as Record<ControlPlaneBinary, FoundGoTool>, crdFiles };
}
