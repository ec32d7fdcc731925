import type { Agent } from '../../agent.ts';
import { AGENT_ANSWER_SCHEMA, type AgentAnswer } from '../../protocol/agent-answer.ts';
import type { IncidentBundle } from '../../protocol/incident-bundle.ts';
import { HttpToolboxClient } from '../toolbox-client.ts';
import { classifyFault } from './classify-fault.ts';
import { findAnomalies, type ServiceAnomaly } from './find-anomalies.ts';
import { findOrigin } from './find-origin.ts';
import { locateCulprit } from './locate-culprit.ts';
import { readSignals } from './read-signals.ts';
import { summarizeChange } from './summarize-change.ts';

const MIN_WINDOW_S = 60;
const MAX_WINDOW_S = 300;

/**
 * `builtin:heuristic`: a diagnostician that works only through the run's toolbox, as an external
 * agent would. It reads every service's signals since the deploy against before it, follows the
 * topology to where the trouble starts (not where it shouts loudest), matches that to the
 * deploy's diff (code vs config, retries and timeouts, capacity), and names the service, the
 * fault class and the offending line.
 */
export function createHeuristicAgent(): Agent {
  return {
    id: 'builtin:heuristic',
    async run(bundle: IncidentBundle, ctx): Promise<AgentAnswer> {
      const client = new HttpToolboxClient(bundle.toolbox.url, bundle.toolbox.token, ctx.signal);
      const at = bundle.detection.at;
      const deployedAt = bundle.change.deployedAt;
      const [now, before, changes] = await Promise.all([
        readSignals(client, at, clamp((at - deployedAt) / 1000)),
        readSignals(client, deployedAt, clamp(deployedAt / 1000)),
        summarizeChange(client, bundle.change.diff, { parent: bundle.change.parentCommit, commit: bundle.change.commit }),
      ]);
      const anomalies = findAnomalies(now, before);
      const origin = findOrigin(anomalies, changes, bundle.topology, bundle.change.service);
      const change = changes.get(origin.service);
      const anomaly = anomalies.get(origin.service);
      const { faultClass, why } = classifyFault(origin, change, anomaly, bundle.logs, anomalies);
      const culprit = change ? locateCulprit(faultClass, change, [...changes.values()], bundle.logs) : undefined;
      const where = culprit ? ` in ${culprit.file}${culprit.line ? `:${culprit.line}` : ''}${culprit.text ? ` (\`${culprit.text}\`)` : ''}` : '';
      return {
        schema: AGENT_ANSWER_SCHEMA,
        diagnosis: {
          service: origin.service,
          faultClass,
          ...(culprit ? { culprit } : {}),
          summary: `${faultClass} in ${origin.service}${where}: ${why}`,
          evidence: [origin.via, ...[...anomalies.values()].filter((a) => a.errors || a.latency || a.saturated || a.failingDeps.length).map(describe)],
        },
      };
    },
  };
}

function clamp(windowS: number): number {
  return Math.min(MAX_WINDOW_S, Math.max(MIN_WINDOW_S, windowS));
}

function describe(a: ServiceAnomaly): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const s = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? 'n/a' : `${x.toFixed(2)} s`);
  const parts = [`5xx ${pct(a.now.errorRatio)} (before ${pct(a.before?.errorRatio ?? 0)})`, `p99 ${s(a.now.p99)} (before ${s(a.before?.p99)})`];
  if (a.saturated) parts.push(`busy ${pct(a.now.busyRatio)}, queue ${a.now.queue.toFixed(1)}`);
  if (a.failingDeps.length) parts.push(`failing calls to ${a.failingDeps.join(', ')}`);
  if (a.retryingDeps.length) parts.push(`retrying ${a.retryingDeps.join(', ')}`);
  if (a.moreLoad) parts.push('more load than before');
  return `${a.service} ${a.version}: ${parts.join('; ')}`;
}
