import type { KubeObject } from '../kube/kube-object.ts';
import type { TrafficRouter } from '../../local/traffic-router.ts';
import { readCanaryWeight } from './virtual-service-weights.ts';

export interface VirtualServiceFollowerOptions {
  router: TrafficRouter;
  /** Reads the VirtualService now (undefined: not there). */
  read: () => Promise<KubeObject | undefined>;
  route: string;
  canaryService: string;
  intervalMs: number;
  onError?: (err: Error) => void;
}

/**
 * Keeps a router's canary weight at what the VirtualService says, by reading it every
 * `intervalMs`: Argo writes the weight there and Istio's proxies would pick it up within about a
 * second; a short poll is as close, and survives API restarts without a watch's bookkeeping. A
 * failed read keeps the last weight (as Envoy keeps its last config when istiod is away).
 */
export function followVirtualService(o: VirtualServiceFollowerOptions): { synced: Promise<void>; stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const sync = async (): Promise<void> => {
    try {
      const weight = readCanaryWeight(await o.read(), o.route, o.canaryService);
      if (weight !== undefined && weight !== o.router.canaryWeight) o.router.setCanaryWeight(weight);
    } catch (err) {
      o.onError?.(err as Error);
    }
  };
  const loop = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void sync().then(loop), o.intervalMs);
  };
  const synced = sync().then(loop);
  return {
    synced,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
