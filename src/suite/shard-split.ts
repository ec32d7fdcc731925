import { createHash } from 'node:crypto';
import { UserInputError } from '../util/errors.ts';
import { compareRunKeys, compareText, runKeyId, type RunKey } from './run-key.ts';
import { describePlanParts, keyOfRun, type SuitePlan } from './suite-plan.ts';

export interface ShardSpec {
  index: number;
  count: number;
}

/** `--shard 2/3` (vitest's and Playwright's spelling): the second of three shards, 1-based. */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) {
    throw new UserInputError(`--shard must be INDEX/COUNT with 1 <= INDEX <= COUNT, got "${text}"`, { hint: 'e.g. --shard 1/3, --shard 2/3 and --shard 3/3 on three machines, then `firedrill merge` their --out folders' });
  }
  return { index, count };
}

/**
 * The split of a plan's keys into `count` shards: keys ordered by the sha256 of their scenario,
 * stack and seed, then dealt round-robin (the k-th key in that order goes to shard k mod count + 1).
 * A key's shard depends only on the set of the plan's keys and on count: not on the order the
 * suite file lists runs in, not on the machine, not on which shard asks. Dealing makes shards
 * differ by at most one run; hashing first spreads each scenario and stack over every shard, so
 * slow cells (L0's long investigations) do not pile up in one.
 */
export function splitKeys(keys: readonly RunKey[], count: number): RunKey[][] {
  const ordered = keys.map((key) => ({ key, hash: hashKey(key) })).sort((a, b) => compareText(a.hash, b.hash) || compareRunKeys(a.key, b.key));
  const shards: RunKey[][] = Array.from({ length: count }, () => []);
  ordered.forEach(({ key }, i) => shards[i % count].push(key));
  return shards.map((s) => s.sort(compareRunKeys));
}

/** The plan cut to one shard's runs, carrying the whole plan's description for `merge`. */
export function selectShard(plan: SuitePlan, spec: ShardSpec): SuitePlan {
  const keys = plan.runs.map(keyOfRun).sort(compareRunKeys);
  const mine = splitKeys(keys, spec.count)[spec.index - 1];
  const ids = new Set(mine.map(runKeyId));
  const parts = describePlanParts(plan.runs);
  const byName = (a: { name: string }, b: { name: string }): number => compareText(a.name, b.name);
  const id = hashText(JSON.stringify({
    name: plan.name, description: plan.description, backend: plan.backend, keys,
    scenarios: [...parts.scenarios].sort(byName), stacks: [...parts.stacks].sort(byName), expectations: plan.expectations,
  }));
  return {
    ...plan,
    runs: plan.runs.filter((r) => ids.has(runKeyId(keyOfRun(r)))),
    shard: { ...spec, keys: mine, plan: { id, planned: keys.length, keys, expectations: plan.expectations }, ...parts },
  };
}

function hashKey(k: RunKey): string {
  return hashText(runKeyId(k));
}

function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
