/**
 * The router stand-in of the kind backend: Istio's data plane replaced by the local backend's
 * TrafficRouter in a pod, following the weight Argo writes into each VirtualService.
 */
export { readCanaryWeight } from './virtual-service-weights.ts';
export { followVirtualService, type VirtualServiceFollowerOptions } from './follow-virtual-service.ts';
export { readRouterOptions, type RouterOptions } from './router-options.ts';
export { startRouterStandIn, type RouterStandIn } from './start-router-stand-in.ts';
