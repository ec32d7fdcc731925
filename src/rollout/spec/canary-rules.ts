import { INVALID_ANALYSIS_ARGS_MESSAGE, resolveRolloutFieldRef } from './field-ref.ts';
import { computePauseDurationSeconds } from './pause-duration.ts';
import { findDurationIssue } from '../../config/duration-field.ts';
import type { PathIssue, YamlPath } from '../../config/path-issue.ts';
import { isPresent, readArray, readAt, readInt, readRecord, readString } from './raw-access.ts';

/**
 * `validation.go:ValidateRolloutStrategyCanary` with Argo's messages, plus two checks of our own
 * where Argo would accept a spec that can only hang (an analysis without templates) or that needs
 * a live cluster (a `status.*` fieldRef); those say so in their message.
 */
const BASE: YamlPath = ['spec', 'strategy', 'canary'];

const ROUTERS_NEEDING_SERVICES = ['smi', 'apisix', 'ambassador', 'nginx', 'appMesh', 'traefik'];

export function checkCanaryRules(doc: unknown): PathIssue[] {
  return [...checkServices(doc), ...checkTrafficRoutingRules(doc), ...checkSteps(doc), ...checkAntiAffinity(doc),
    ...checkAnalysisBlock(doc, [...BASE, 'analysis'])];
}

function checkServices(doc: unknown): PathIssue[] {
  const issues: PathIssue[] = [];
  const canarySvc = readString(doc, [...BASE, 'canaryService']) ?? '';
  const stableSvc = readString(doc, [...BASE, 'stableService']) ?? '';
  if (canarySvc !== '' && canarySvc === stableSvc) {
    issues.push({ path: [...BASE, 'stableService'], message: 'This rollout uses the same service for the stable and canary services, but two different services are required.' });
  }
  const pingPong = readRecord(readAt(doc, [...BASE, 'pingPong']));
  const tr = readRecord(readAt(doc, [...BASE, 'trafficRouting']));
  if (pingPong) {
    if (tr && !tr.alb && !tr.istio && !tr.plugins) {
      issues.push({ path: [...BASE, 'trafficRouting', 'alb'], message: 'Ping-pong feature works with the ALB, Istio, and plugin-based traffic routers only' });
    }
    const ping = typeof pingPong.pingService === 'string' ? pingPong.pingService : '';
    const pong = typeof pingPong.pongService === 'string' ? pingPong.pongService : '';
    const missing = 'Ping service and Pong service must to be set to use Ping-Pong feature';
    if (ping === '') issues.push({ path: [...BASE, 'pingPong', 'pingService'], message: missing });
    if (pong === '') issues.push({ path: [...BASE, 'pingPong', 'pongService'], message: missing });
    if (ping === pong) {
      issues.push({ path: [...BASE, 'pingPong', 'pingService'], message: 'This rollout uses the same service for the ping and pong services, but two different services are required.' });
    }
    if (readRecord(tr?.alb) && !readString(tr, ['alb', 'rootService'])) {
      issues.push({ path: [...BASE, 'trafficRouting', 'alb', 'rootService'], message: 'Root service field is required for the configuration with ALB and ping-pong feature enabled' });
    }
  }
  if (tr && requiresCanaryStableServices(tr, !!pingPong)) {
    const msg = 'Canary service and Stable service must to be set to use Traffic Routing';
    if (stableSvc === '') issues.push({ path: [...BASE, 'stableService'], message: msg });
    if (canarySvc === '') issues.push({ path: [...BASE, 'canaryService'], message: msg });
  }
  return issues;
}

/** `validation.go:requireCanaryStableServices`. */
function requiresCanaryStableServices(tr: Record<string, unknown>, pingPong: boolean): boolean {
  if (tr.alb && !pingPong) return true;
  if (tr.istio && !readRecord(tr.istio)?.destinationRule && !pingPong) return true;
  return ROUTERS_NEEDING_SERVICES.some((k) => tr[k] !== undefined && tr[k] !== null);
}

function checkTrafficRoutingRules(doc: unknown): PathIssue[] {
  const issues: PathIssue[] = [];
  const tr = readRecord(readAt(doc, [...BASE, 'trafficRouting']));
  if (!tr) {
    if (isPresent(doc, [...BASE, 'scaleDownDelaySeconds'])) {
      issues.push({ path: [...BASE, 'scaleDownDelaySeconds'], message: 'Canary scaleDownDelaySeconds can only be used with traffic routing' });
    }
    return issues;
  }
  if (tr.maxTrafficWeight !== undefined && !tr.nginx && !tr.plugins) {
    issues.push({ path: [...BASE, 'trafficRouting', 'maxTrafficWeight'], message: 'Canary maxTrafficWeight in traffic routing only supported in Nginx and Plugins' });
  }
  return issues;
}

const STEP_KINDS = ['setWeight', 'pause', 'experiment', 'analysis', 'setCanaryScale', 'setHeaderRoute', 'setMirrorRoute', 'plugin'];
const INVALID_STEP = 'Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause';

function checkSteps(doc: unknown): PathIssue[] {
  const issues: PathIssue[] = [];
  const hasRouting = isPresent(doc, [...BASE, 'trafficRouting']);
  const maxWeight = readInt(doc, [...BASE, 'trafficRouting', 'maxTrafficWeight']) ?? 100;
  readArray(doc, [...BASE, 'steps']).forEach((raw, i) => {
    const step = readRecord(raw);
    const path: YamlPath = [...BASE, 'steps', i];
    if (!step) return;
    const kinds = STEP_KINDS.filter((k) => step[k] !== undefined && step[k] !== null);
    // hasMultipleStepsType only compares setWeight, pause, experiment and analysis.
    const exclusive = kinds.filter((k) => ['setWeight', 'pause', 'experiment', 'analysis'].includes(k));
    if (kinds.length === 0 || exclusive.length > 1) issues.push({ path, message: INVALID_STEP });
    const weight = step.setWeight;
    if (typeof weight === 'number' && (weight < 0 || weight > maxWeight)) {
      issues.push({ path: [...path, 'setWeight'], message: `SetWeight needs to be between 0 and ${maxWeight}` });
    }
    const duration = readAt(step, ['pause', 'duration']);
    if ((typeof duration === 'number' || typeof duration === 'string') && computePauseDurationSeconds(duration) < 0) {
      // Argo's own message for a negative pause; a string Go cannot read gets Go's reason instead.
      const unreadable = typeof duration === 'string' ? findDurationIssue([...path, 'pause', 'duration'], duration) : undefined;
      issues.push(unreadable ?? { path: [...path, 'pause', 'duration'], message: 'Duration needs to be greater than 0', hint: 'an integer number of seconds, or a Go duration such as "30s", "2m" or "1h"' });
    }
    if (step.setCanaryScale !== undefined && !hasRouting) {
      issues.push({ path: [...BASE, 'trafficRouting'], message: 'SetCanaryScale requires TrafficRouting to be set' });
    }
    if (step.analysis !== undefined) issues.push(...checkAnalysisBlock(doc, [...path, 'analysis']));
  });
  return issues;
}

/** Args with a fieldRef (validation.go, factory.go) and our "no templates" check. */
function checkAnalysisBlock(doc: unknown, path: YamlPath): PathIssue[] {
  const block = readRecord(readAt(doc, path));
  if (!block) return [];
  const issues: PathIssue[] = [];
  if (readArray(block, ['templates']).length === 0) {
    issues.push({ path: [...path, 'templates'], message: 'at least one template is required (Argo would wait at this analysis forever)' });
  }
  readArray(block, ['args']).forEach((arg, j) => {
    const fieldPath = readString(arg, ['valueFrom', 'fieldRef', 'fieldPath']);
    if (fieldPath === undefined) return;
    const name = readString(arg, ['name']) ?? `#${j}`;
    const res = resolveRolloutFieldRef(doc, fieldPath);
    if (!('error' in res) || (res.needsCluster && fieldPath.startsWith('metadata'))) return;
    const argPath: YamlPath = [...path, 'args', j, 'valueFrom', 'fieldRef', 'fieldPath'];
    if (res.error === INVALID_ANALYSIS_ARGS_MESSAGE) issues.push({ path: argPath, message: res.error });
    else {
      issues.push({
        path: argPath,
        message: `argument '${name}' could not be resolved: ${res.error}`,
        hint: 'firedrill resolves metadata.name, metadata.namespace, metadata.labels[\'k\'], metadata.annotations[\'k\'] and spec.* paths; give the value with `value:` instead',
      });
    }
  });
  return issues;
}

function checkAntiAffinity(doc: unknown): PathIssue[] {
  const aa = readRecord(readAt(doc, [...BASE, 'antiAffinity']));
  if (!aa) return [];
  const issues: PathIssue[] = [];
  const preferred = aa.preferredDuringSchedulingIgnoredDuringExecution;
  const required = aa.requiredDuringSchedulingIgnoredDuringExecution;
  if ((preferred === undefined) === (required === undefined)) {
    issues.push({ path: [...BASE, 'antiAffinity'], message: 'AntiAffinity must have exactly one strategy listed' });
  }
  const w = readInt(preferred, ['weight']);
  if (w !== undefined && (w < 1 || w > 100)) {
    issues.push({ path: [...BASE, 'antiAffinity', 'weight'], message: 'AntiAffinity weight must be between 1-100' });
  }
  return issues;
}
