import type { Topology } from '../../protocol/incident-bundle.ts';
import { isAnomalous, type ServiceAnomaly } from './find-anomalies.ts';
import type { ServiceChange } from './summarize-change.ts';

/** Where the trouble starts, and how the evidence got there. */
export interface Origin {
  service: string;
  /** True when the origin carries a change of this deploy. */
  changed: boolean;
  /** How it was found, for the evidence. */
  via: string;
}

/**
 * Follows the topology to where the trouble starts. A service whose failures are explained by
 * a failing (anomalous) dependency is a symptom, not the origin; among the unexplained ones the
 * deepest changed service wins. An unchanged service that is only drowning in extra load points
 * back to the changed caller that now retries it more: the load came from there.
 */
export function findOrigin(
  anomalies: Map<string, ServiceAnomaly>, changes: Map<string, ServiceChange>, topology: Topology, deployService: string,
): Origin {
  const depth = depthFromEntry(topology);
  const deepestFirst = (a: string, b: string): number => (depth.get(b) ?? 0) - (depth.get(a) ?? 0) || a.localeCompare(b);
  const anomalous = [...anomalies.values()].filter(isAnomalous);
  const explained = (a: ServiceAnomaly): boolean => a.failingDeps.some((d) => isAnomalous(anomalies.get(d)));
  const roots = anomalous.filter((a) => !explained(a)).map((a) => a.service).sort(deepestFirst);

  const changedRoot = roots.find((s) => changes.has(s));
  if (changedRoot) return { service: changedRoot, changed: true, via: `${changedRoot} changed in this deploy and its own signals moved, not explained by a failing dependency` };

  for (const root of roots) {
    if (!anomalies.get(root)?.moreLoad) continue;
    const caller = [...changes.keys()].sort(deepestFirst).find((c) => anomalies.get(c)?.retryingDeps.includes(root) || anomalies.get(c)?.failingDeps.includes(root));
    if (caller) return { service: caller, changed: true, via: `${root} is overloaded (more requests than before the deploy) and ${caller}, changed in this deploy, now retries it more` };
  }

  const changedAnomalous = anomalous.map((a) => a.service).filter((s) => changes.has(s)).sort(deepestFirst);
  if (changedAnomalous.length > 0) return { service: changedAnomalous[0], changed: true, via: `${changedAnomalous[0]} changed in this deploy and its signals moved` };

  if (roots.length > 0) return { service: roots[0], changed: false, via: `${roots[0]} degraded without a change of its own, and no changed service explains it` };

  // Nothing measurable moved (the signal was brief, or the canary was gone too soon): the deploy is the suspect.
  const suspect = changes.has(deployService) ? deployService : ([...changes.keys()].sort(deepestFirst)[0] ?? deployService);
  return { service: suspect, changed: changes.has(suspect), via: `no service's signals moved clearly; ${suspect} carries the change that preceded the alert` };
}

/** Hops from the entry service along dependencies (unreachable services sort last). */
function depthFromEntry(topology: Topology): Map<string, number> {
  const deps = new Map(topology.services.map((s) => [s.name, s.dependencies.map((d) => d.service)]));
  const depth = new Map<string, number>([[topology.entry, 0]]);
  const queue = [topology.entry];
  while (queue.length) {
    const s = queue.shift()!;
    for (const d of deps.get(s) ?? []) {
      if (depth.has(d)) continue;
      depth.set(d, depth.get(s)! + 1);
      queue.push(d);
    }
  }
  return depth;
}
