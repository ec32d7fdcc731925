import { describeChange, measureRatio, readNumber } from './measure-numbers.ts';
import type { Measured, ValueRule } from './rule-types.ts';
import { formatValue } from './value-diff.ts';

/**
 * Rules for a service's `config.json` (services/<name>/config.json): the knobs an on-call engineer
 * turns in an incident. Keys no rule names fall to `config-change`.
 */
const LOG_RANK: Record<string, number> = { trace: 0, debug: 1, info: 2, warn: 3, warning: 3, error: 4, fatal: 5, off: 6 };

export const SERVICE_CONFIG_RULES: ValueRule[] = [
  {
    id: 'config-flag',
    kind: 'value',
    files: 'service-config',
    scope: 'value',
    path: /^flags\.(.+)$/,
    classes: ['flag-off', 'flag-on'],
    matches: 'services/*/config.json `flags.<name>` turned false (or removed) / true',
    why: "a feature flag is read by ctx.flags; an absent flag is off, so removing an enabled one turns it off",
    measure: (leaf, _ctx, m) => [measureFlag(m?.[1] ?? leaf.path, leaf.from, leaf.to)],
  },
  {
    id: 'config-retries',
    kind: 'value',
    files: 'service-config',
    scope: 'value',
    path: /^dependencies\.([^.]+)\.retries$/,
    classes: ['retry-change'],
    matches: 'services/*/config.json `dependencies.<service>.retries`',
    why: 'retries multiply the load on a struggling dependency; from and to are kept so a policy can bound them (absent = 0)',
    measure: (leaf, _ctx, m) => [measureCount('retry-change', `${m?.[1]} retries`, leaf.from, leaf.to)],
  },
  {
    id: 'config-timeout',
    kind: 'value',
    files: 'service-config',
    scope: 'value',
    path: /^dependencies\.([^.]+)\.timeoutMs$/,
    classes: ['timeout-change'],
    matches: 'services/*/config.json `dependencies.<service>.timeoutMs`',
    why: 'a timeout decides how long workers wait on a dependency (how a stall spreads)',
    measure: (leaf, _ctx, m) => [measureCount('timeout-change', `${m?.[1]} timeoutMs`, leaf.from, leaf.to)],
  },
  {
    id: 'config-capacity',
    kind: 'value',
    files: 'service-config',
    scope: 'value',
    path: /^runtime\.(replicas|concurrencyPerReplica|queueLimit)$/,
    classes: ['scale'],
    matches: 'services/*/config.json `runtime.replicas`, `runtime.concurrencyPerReplica`, `runtime.queueLimit`',
    why: 'capacity: how many requests the service holds at once; the factor says how far it moved',
    measure: (leaf, _ctx, m) => [measureCount('scale', `runtime.${m?.[1]}`, leaf.from, leaf.to)],
  },
  {
    id: 'config-log-level',
    kind: 'value',
    files: 'service-config',
    scope: 'value',
    path: /^log\.level$/,
    classes: ['log-suppression', 'log-level'],
    matches: 'services/*/config.json `log.level` raised (less logged) / lowered (more logged)',
    why: 'raising the level only silences noise; lowering it adds volume to a service already in trouble',
    measure: (leaf) => [measureLogLevel('log.level', leaf.from, leaf.to, 'higher')],
  },
];

function measureFlag(name: string, from: unknown, to: unknown): Measured {
  const known = (v: unknown): boolean => v === undefined || typeof v === 'boolean';
  if (!known(from) || !known(to) || Boolean(from) === Boolean(to)) return describeChange('config-change', `flag ${name}`, from, to);
  return { class: to ? 'flag-on' : 'flag-off', detail: `flag ${name} ${formatValue(from)} -> ${formatValue(to)}` };
}

/** A count that defaults to 0 when absent (retries), or must be a number on both sides. */
function measureCount(cls: Measured['class'], label: string, from: unknown, to: unknown): Measured {
  const a = from === undefined && cls === 'retry-change' ? 0 : readNumber(from);
  const b = to === undefined && cls === 'retry-change' ? 0 : readNumber(to);
  if (a === undefined || b === undefined) return describeChange('config-change', label, from, to);
  return measureRatio(cls, label, a, b);
}

/**
 * A log level moved. `quieter` says which way logs less: a service's threshold logs less when
 * raised (info -> warn), a single call when lowered (error -> debug falls under the threshold).
 */
export function measureLogLevel(label: string, from: unknown, to: unknown, quieter: 'higher' | 'lower'): Measured {
  const a = LOG_RANK[String(from).toLowerCase()];
  const b = LOG_RANK[String(to).toLowerCase()];
  if (a === undefined || b === undefined || a === b) return describeChange('config-change', label, from, to);
  const less = quieter === 'higher' ? b > a : b < a;
  return { class: less ? 'log-suppression' : 'log-level', detail: `${label} ${formatValue(from)} -> ${formatValue(to)}` };
}
