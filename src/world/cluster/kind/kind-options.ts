import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../util/package-root.ts';

/** The Argo Rollouts release clusters/kind/argo-rollouts/install.yaml is (see its PROVENANCE.md). */
export const ARGO_ROLLOUTS_VERSION = 'v1.10.1';

export interface KindClusterOptions {
  /** kind cluster name (`kind-<name>` is its kubectl context). */
  name: string;
  /** The package root: clusters/kind/ and the Docker build context are under it. */
  packageRoot: string;
  /** Where the cluster's kubeconfig is written (firedrill never edits ~/.kube/config). */
  kubeconfig: string;
  /** The testbed image tag, e.g. `firedrill/testbed:0.1.0`. */
  image: string;
  /** Keep a cluster this command created when a later step fails (to look at it). */
  keep: boolean;
  /** Readiness waits (ms): the Argo controller and Prometheus rollouts, CRDs established. */
  readyTimeoutMs: number;
  /** `kind create cluster` (node image pull included on a first run). */
  createTimeoutMs: number;
  /** `docker build` of the testbed image. */
  buildTimeoutMs: number;
}

export function resolveKindOptions(o: Partial<KindClusterOptions> & Pick<KindClusterOptions, 'packageRoot' | 'kubeconfig' | 'image'>): KindClusterOptions {
  return { name: 'firedrill', keep: false, readyTimeoutMs: 180_000, createTimeoutMs: 300_000, buildTimeoutMs: 600_000, ...o };
}

export function resolveKindDir(o: Pick<KindClusterOptions, 'packageRoot'>): string {
  return join(o.packageRoot, 'clusters', 'kind');
}

/** The testbed image of this package's version (`firedrill/testbed:0.1.0`): what `cluster up --kind` builds and loads, and a kind run's pods run. */
export function resolveTestbedImage(root: string = packageRoot()): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return `firedrill/testbed:${pkg.version}`;
}
