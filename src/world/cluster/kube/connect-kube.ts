import type { RequestOptions } from 'node:https';
import { UserInputError } from '../../../util/errors.ts';
import { HttpKubeApi } from './http-kube-api.ts';
import type { KubeApi } from './kube-api.ts';

export interface ConnectKubeOptions {
  /** A kubeconfig file; default: $KUBECONFIG, then ~/.kube/config (kubectl's order). */
  kubeconfig?: string;
  /** A context of that kubeconfig; default: its current-context. */
  context?: string;
}

/**
 * Connects to the cluster a kubeconfig names. @kubernetes/client-node (pinned 1.4.0: 2.x pulls an
 * undici that crashes on Node 20) reads the kubeconfig and authenticates (certificates, tokens,
 * exec plugins); it is imported here, on first use, so commands that never touch a cluster start
 * without it.
 */
export async function connectKube(opts: ConnectKubeOptions = {}): Promise<KubeApi> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  try {
    if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig);
    else kc.loadFromDefault();
    if (opts.context) kc.setCurrentContext(opts.context);
  } catch (err) {
    throw new UserInputError(`cannot read kubeconfig ${opts.kubeconfig ?? '(default)'}: ${(err as Error).message}`, { hint: 'pass --kubeconfig FILE, or run `firedrill cluster up` first', cause: err });
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new UserInputError(`kubeconfig ${opts.kubeconfig ?? '(default)'} has no cluster for context "${kc.getCurrentContext()}"`, { hint: 'check its current-context, or pass --context NAME' });
  }
  const namespace = kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
  return new HttpKubeApi(cluster.server, namespace, (o: RequestOptions) => kc.applyToHTTPSOptions(o));
}
