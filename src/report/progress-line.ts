import type { TimelineEvent } from '../timeline/events.ts';
import { formatDuration } from '../util/duration.ts';

/**
 * One line for an event a person watching a wall-clock run wants to see as it happens (a `local`
 * drill at --time-scale 10 still takes minutes), or undefined for the rest. Times are drill time.
 */
export function progressLine(e: TimelineEvent): string | undefined {
  const detail = describe(e);
  return detail === undefined ? undefined : `  ${`+${formatDuration(e.t)}`.padStart(9)}  ${detail}`;
}

function describe(e: TimelineEvent): string | undefined {
  switch (e.type) {
    case 'world.local.started':
      return `world up: ${String(e.metrics)}, x${String(e.timeScale)}, started in ${formatDuration(Number(e.startupMs))} wall`;
    case 'deploy.started':
      return `deploy ${String(e.service)} ${String(e.commit)} as ${String(e.role)} (${String(e.strategy)})`;
    case 'rollout.weight.changed':
      return `rollout ${String(e.rollout)}: canary weight ${String(e.weight)}%`;
    case 'analysis.measurement':
      return `analysis ${String(e.metric)}: ${String(e.phase)} ${String(e.value ?? '')}`.trimEnd();
    case 'rollout.aborted':
      return `rollout ${String(e.rollout)} aborted`;
    case 'rollout.completed':
      return `rollout ${String(e.rollout)} completed`;
    case 'page.sent':
      return `page: ${String(e.alert)}`;
    case 'rollback.started':
    case 'rollback.done':
      return e.type.replace('.', ' ');
    case 'agent.triggered':
      return `agent ${String(e.agent)} triggered by ${String(e.detection)}`;
    case 'agent.answered': {
      const d = e.diagnosis as { service?: string; faultClass?: string } | undefined;
      return `agent ${String(e.agent)} answered${d ? `: ${String(d.faultClass)} in ${String(d.service)}` : ' (no diagnosis)'} after ${String(e.toolCalls)} tool calls`;
    }
    case 'agent.failed':
      return `agent ${String(e.agent)} failed (${String(e.kind)}): ${String(e.message).split('\n')[0]}`;
    case 'world.metrics.short-range':
      return `warning: ${String(e.hint)}`;
    case 'run.finished':
      return 'drill over, scoring';
    default:
      return undefined;
  }
}
