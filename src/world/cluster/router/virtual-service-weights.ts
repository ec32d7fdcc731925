import { readArray, readInt, readString } from '../../../rollout/spec/raw-access.ts';
import type { KubeObject } from '../kube/kube-object.ts';

/**
 * The canary weight a VirtualService's HTTP route gives, read as Istio's data plane would route:
 * the route named `route` (the one the Rollout's trafficRouting.istio names; the first when it is
 * not found), the weight of the destination whose host is the canary Service, out of the total.
 * A host may be short (`checkout-canary`) or fully qualified (`checkout-canary.shop.svc.cluster.local`).
 * Undefined when the object or the route is missing: the caller keeps its last weight.
 */
export function readCanaryWeight(vs: KubeObject | undefined, route: string, canaryService: string): number | undefined {
  const routes = readArray(vs, ['spec', 'http']);
  const chosen = routes.find((r) => readString(r, ['name']) === route) ?? routes[0];
  const destinations = readArray(chosen, ['route']);
  if (!destinations.length) return undefined;
  let total = 0;
  let canary = 0;
  for (const d of destinations) {
    // Istio: a lone destination without a weight takes everything.
    const weight = readInt(d, ['weight']) ?? (destinations.length === 1 ? 100 : 0);
    total += weight;
    if (readString(d, ['destination', 'host'])?.split('.')[0] === canaryService) canary += weight;
  }
  return total > 0 ? (canary * 100) / total : 0;
}
