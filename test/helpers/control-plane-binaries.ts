import { findControlPlaneBinaries } from '../../src/world/cluster/control-plane/index.ts';
import { InfraError } from '../../src/util/errors.ts';
import { findExecutable } from '../../src/util/find-executable.ts';

/** Why the local control plane's tests cannot run here (a binary is not built), or undefined. */
export function describeMissingControlPlane(): string | undefined {
  try {
    findControlPlaneBinaries();
    return undefined;
  } catch (err) {
    return err instanceof InfraError ? `${err.message}; ${err.hint}` : String(err);
  }
}

/** Why a drill on the local control plane cannot run here: no prometheus (the Argo controller queries a real one), or a binary not built. */
export function describeMissingClusterDrill(): string | undefined {
  if (!findExecutable('prometheus')) return 'no prometheus binary on PATH (the Argo controller queries a real Prometheus)';
  return describeMissingControlPlane();
}
