import { findExecutable } from '../../../util/find-executable.ts';
import { InfraError } from '../../../util/errors.ts';

/** What each program is for and how to get it. */
const TOOLS: Record<string, string> = {
  docker: 'Docker Engine: https://docs.docker.com/engine/install/ (Debian: apt-get install docker.io; then start dockerd)',
  kind: 'kind: https://kind.sigs.k8s.io/docs/user/quick-start/#installation (or: go install sigs.k8s.io/kind@latest)',
  kubectl: 'kubectl: https://kubernetes.io/docs/tasks/tools/ (Debian: apt-get install kubernetes-client)',
};

export type FindExecutable = (name: string) => string | undefined;

/** The programs the kind path needs that are not on PATH (a PATH lookup only: instant). */
export function findMissingKindTools(find: FindExecutable = findExecutable): string[] {
  return Object.keys(TOOLS).filter((t) => !find(t));
}

/** Fails at once, naming every missing program and how to get it. */
export function checkKindTools(find: FindExecutable = findExecutable): void {
  const missing = findMissingKindTools(find);
  if (missing.length === 0) return;
  throw new InfraError(`the kind backend needs ${missing.join(', ')}, not found on PATH`, {
    hint: `${missing.map((t) => TOOLS[t]).join('; ')}. Without Docker, use a cluster you have (--kubeconfig FILE) or the local control plane (firedrill cluster up)`,
  });
}
