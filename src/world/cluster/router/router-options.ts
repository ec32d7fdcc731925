import { UserInputError } from '../../../util/errors.ts';

/** What one router stand-in routes (its Deployment's environment; src/world/cluster/manifests/kind-objects.ts). */
export interface RouterOptions {
  service: string;
  namespace: string;
  /** The VirtualService Argo writes the weights into, and its route. */
  virtualService: string;
  route: string;
  /** The canary Service's name, as the VirtualService's destination host names it. */
  canaryService: string;
  /** Where stable and canary requests go: the stable and canary Services (the testbed's listen on 80). */
  backends: { stable: { host: string; port: number }; canary: { host: string; port: number } };
  listenHost: string;
  port: number;
  pollMs: number;
}

/** Reads FIREDRILL_SERVICE, FIREDRILL_NAMESPACE, FIREDRILL_STABLE_SERVICE, FIREDRILL_CANARY_SERVICE (required) and the rest (defaults); every problem at once. */
export function readRouterOptions(env: NodeJS.ProcessEnv): RouterOptions {
  const missing = ['FIREDRILL_SERVICE', 'FIREDRILL_NAMESPACE', 'FIREDRILL_STABLE_SERVICE', 'FIREDRILL_CANARY_SERVICE'].filter((n) => !env[n]);
  if (missing.length) throw new UserInputError(`the router stand-in cannot start: ${missing.join(', ')} not set`, { hint: 'its Deployment sets them (src/world/cluster/manifests/kind-objects.ts)' });
  const num = (name: string, fallback: number): number => (env[name] ? Number(env[name]) : fallback);
  const servicePort = num('FIREDRILL_SERVICE_PORT', 80);
  return {
    service: env.FIREDRILL_SERVICE!, namespace: env.FIREDRILL_NAMESPACE!, virtualService: env.FIREDRILL_VIRTUAL_SERVICE ?? env.FIREDRILL_SERVICE!,
    route: env.FIREDRILL_ROUTE ?? 'primary', canaryService: env.FIREDRILL_CANARY_SERVICE!,
    backends: { stable: { host: env.FIREDRILL_STABLE_SERVICE!, port: servicePort }, canary: { host: env.FIREDRILL_CANARY_SERVICE!, port: servicePort } },
    listenHost: env.FIREDRILL_LISTEN ?? '0.0.0.0', port: num('FIREDRILL_PORT', 8080), pollMs: num('FIREDRILL_POLL_MS', 250),
  };
}
