import { formatPauseDuration } from './pause-duration.ts';
import type { CanaryStep } from './rollout-types.ts';

/** How Argo names a step in events (`utils/rollout/rolloututil.go:CanaryStepString`). */
export function formatCanaryStep(step: CanaryStep): string {
  switch (step.type) {
    case 'setWeight':
      return `setWeight: ${step.setWeight}`;
    case 'pause':
      return step.pause.duration === undefined ? 'pause' : `pause: ${formatPauseDuration(step.pause.duration)}`;
    case 'analysis':
      return 'analysis';
    case 'setCanaryScale': {
      const s = step.setCanaryScale;
      if (s.weight !== undefined) return `setCanaryScale{weight: ${s.weight}}`;
      if (s.matchTrafficWeight) return 'setCanaryScale{matchTrafficWeight: true}';
      if (s.replicas !== undefined) return `setCanaryScale{replicas: ${s.replicas}}`;
      return 'invalid';
    }
  }
}
