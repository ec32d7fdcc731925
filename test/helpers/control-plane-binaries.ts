import { findControlPlaneBinaries } from '../../src/world/cluster/control-plane/index.ts';
import { InfraError } from '../../src/util/errors.ts';

/** Why the local control plane's tests cannot run here (a binary is not built), or undefined. */
export function describeMissingControlPlane(): string | undefined {
  try {
    findControlPlaneBinaries();
    return undefined;
  } catch (err) {
    return err instanceof InfraError ? `${err.message}; ${err.hint}` : String(err);
  }
}
