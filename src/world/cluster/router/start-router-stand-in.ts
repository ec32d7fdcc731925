import { seedFromName } from '../../../testbed/pod/pod-options.ts';
import { createRng } from '../../../util/rng.ts';
import { TrafficRouter } from '../../local/traffic-router.ts';
import type { KubeApi } from '../kube/kube-api.ts';
import { RESOURCES } from '../kube/kube-object.ts';
import { followVirtualService } from './follow-virtual-service.ts';
import type { RouterOptions } from './router-options.ts';

export interface RouterStandIn {
  router: TrafficRouter;
  /** Resolves after the first read of the VirtualService. */
  synced: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The data plane's stand-in on kind (there is no Istio there): the local backend's TrafficRouter
 * in a pod, in front of one service, sending each request to its stable or canary Service by the
 * weight Argo wrote into the VirtualService. Every caller of the service (the other pods, the
 * port-forward from the host) reaches it through the Service named after the service, the host
 * the VirtualService names.
 */
export async function startRouterStandIn(o: RouterOptions, api: KubeApi, log: (line: string) => void): Promise<RouterStandIn> {
  const router = await TrafficRouter.start(o.service, createRng(seedFromName(`${o.namespace}/${o.service}`)), undefined, { host: o.listenHost, port: o.port });
  router.setBackend('stable', o.backends.stable.port, o.backends.stable.host);
  router.setBackend('canary', o.backends.canary.port, o.backends.canary.host);
  let last = -1;
  const follower = followVirtualService({
    router, route: o.route, canaryService: o.canaryService, intervalMs: o.pollMs,
    read: () => api.get({ resource: RESOURCES.VirtualService, namespace: o.namespace, name: o.virtualService }),
    onError: (err) => log(`reading VirtualService ${o.namespace}/${o.virtualService}: ${err.message}`),
  });
  const logWeight = setInterval(() => {
    if (router.canaryWeight !== last) log(`canary weight ${(last = router.canaryWeight)}%`);
  }, o.pollMs);
  logWeight.unref();
  return {
    router, synced: follower.synced,
    async stop() {
      follower.stop();
      clearInterval(logWeight);
      await router.close();
    },
  };
}
