import { InfraError } from '../../../util/errors.ts';
import type { KubeObject, KubeRef, KubeResource } from './kube-object.ts';

/**
 * What firedrill asks of a Kubernetes API server: apply its objects, read them, patch a Rollout the
 * way `kubectl argo rollouts` does, and watch. `connectKube` implements it over
 * @kubernetes/client-node; everything above it (actions, watch -> timeline, the cluster world)
 * depends on this interface only.
 */
export interface KubeApi {
  /** The namespace of the kubeconfig's current context ('default' when it names none). */
  readonly defaultNamespace: string;
  /** Server-side apply (field manager `firedrill`, forced): create or update to exactly `obj`'s fields. */
  apply(obj: KubeObject): Promise<KubeObject>;
  /** undefined when the object does not exist. */
  get(ref: KubeRef): Promise<KubeObject | undefined>;
  list(resource: KubeResource, namespace?: string, labelSelector?: string): Promise<KubeObject[]>;
  patch(ref: KubeRef, patch: KubePatch): Promise<KubeObject>;
  delete(ref: KubeRef): Promise<void>;
  /** Streams every change (the current objects first, as ADDED); resolves once the watch is open. */
  watch(resource: KubeResource, namespace: string | undefined, onChange: (change: WatchChange) => void, onEnd: (err?: unknown) => void): Promise<WatchHandle>;
}

export type PatchType = 'merge' | 'json';

/** A patch body with its content type (`application/merge-patch+json` or `application/json-patch+json`). */
export interface KubePatch {
  type: PatchType;
  body: unknown;
  /** `status` patches the status subresource (Argo v0.10+ keeps Rollout status there). */
  subresource?: 'status';
}

export interface WatchChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
}

export interface WatchHandle {
  stop(): void;
}

export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

export const FIELD_MANAGER = 'firedrill';

/** An API error with its HTTP status (404 NotFound decides the kubectl plugin's fallbacks). */
export class KubeApiError extends InfraError {
  /** The HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  constructor(message: string, status: number, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, opts);
    this.status = status;
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof KubeApiError && err.status === 404;
}
