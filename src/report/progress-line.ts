import type { AnyCatalogEvent } from '../timeline/event-catalog.ts';
import type { TimelineEvent } from '../timeline/events.ts';
import { formatDuration } from '../util/duration.ts';

/**
 * One line for an event a person watching a wall-clock run wants to see as it happens (a `local`
 * drill at --time-scale 10 still takes minutes), or undefined for the rest. Times are drill time.
 */
export function progressLine(e: TimelineEvent): string | undefined {
  // Every event on a timeline is catalogued (the timeline refuses others): its payload is typed.
  const detail = describe(e as AnyCatalogEvent);
  return detail === undefined ? undefined : `  ${`+${formatDuration(e.t)}`.padStart(9)}  ${detail}`;
}

function describe(e: AnyCatalogEvent): string | undefined {
  switch (e.type) {
    case 'world.local.started':
      return `world up: ${e.metrics}, x${e.timeScale}, started in ${formatDuration(e.startupMs)} wall`;
    case 'deploy.started':
      return `deploy ${e.service} ${String(e.commit)} as ${String(e.role)} (${e.strategy})`;
    case 'rollout.weight.changed':
      return `rollout ${e.rollout}: canary weight ${e.weight}%`;
    case 'analysis.measurement':
      return `analysis ${e.metric}: ${e.phase} ${e.value ?? ''}`.trimEnd();
    case 'rollout.aborted':
      return `rollout ${e.rollout} aborted`;
    case 'rollout.completed':
      return `rollout ${e.rollout} completed`;
    case 'page.sent':
      return `page: ${e.alert}`;
    case 'rollback.started':
    case 'rollback.done':
      return e.type.replace('.', ' ');
    case 'agent.triggered':
      return `agent ${e.agent} triggered by ${e.detection}`;
    case 'agent.answered': {
      const d = e.diagnosis;
      return `agent ${e.agent} answered${d ? `: ${String(d.faultClass)} in ${String(d.service)}` : ' (no diagnosis)'} after ${e.toolCalls ?? 0} tool calls`;
    }
    case 'agent.failed':
      return `agent ${e.agent} failed (${e.kind}): ${e.message.split('\n')[0]}`;
    case 'world.metrics.short-range':
      return `warning: ${e.hint}`;
    case 'run.finished':
      return 'drill over, scoring';
    default:
      return undefined;
  }
}
