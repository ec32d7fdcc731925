import { existsSync, readdirSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserInputError } from '../util/errors.ts';
import { buildSuiteResult } from './build-suite-result.ts';
import { readSuiteResult } from './read-suite-result.ts';
import { compareRunKeys, formatRunKey, runKeyId, type RunKey } from './run-key.ts';
import { RunStore } from './run-store.ts';
import { splitKeys } from './shard-split.ts';
import type { ShardMarker } from './shard-marker.ts';
import type { SuiteResult } from './suite-result.ts';

interface ShardFolder {
  dir: string;
  result: SuiteResult;
  shard: ShardMarker;
}

const LISTED = 12;

/**
 * `firedrill merge DIR...`: the shards of one suite (`run SUITE --shard i/n`) as the one suite
 * result an unsharded run writes: every run's folder copied into `out`, a journal, and the
 * SuiteResult rebuilt by buildSuiteResult from the shards' runs and the plan they carry (so its
 * suite.json, and every report made from it, is byte-identical to the unsharded run's). Refuses
 * shards of different plans or shard counts, keys held twice, and missing keys (naming them).
 */
export async function mergeShards(dirs: readonly string[], outFor: (suiteName: string) => string): Promise<{ result: SuiteResult; dir: string }> {
  if (dirs.length === 0) throw new UserInputError('merge needs the folders of a suite\'s shards', { hint: 'firedrill merge SHARD_DIR... [--out DIR]' });
  const shards = await Promise.all(dirs.map(readShard));
  const [first] = shards;
  const out = resolve(outFor(first.result.name));
  if (existsSync(out) && readdirSync(out).length > 0) {
    throw new UserInputError(`--out ${out} is not empty`, { hint: 'merge into a new folder (the merged suite\'s runs are copied there)' });
  }
  const plan = first.shard.plan;
  const strangers = shards.filter((s) => s.shard.plan.id !== plan.id || s.shard.count !== first.shard.count || s.result.name !== first.result.name);
  if (strangers.length) {
    throw new UserInputError(`these folders hold shards of different suites or plans: ${shards.map(describeShard).join('; ')}`, {
      hint: 'merge the shards of one matrix: the same suite file, backend and --shard count, run from the same commit',
    });
  }
  const holder = new Map<string, ShardFolder>();
  const twice: string[] = [];
  const expected = splitKeys(plan.keys, first.shard.count);
  for (const s of shards) {
    const split = expected[s.shard.index - 1].map(runKeyId);
    if (split.join('\n') !== s.shard.keys.map(runKeyId).join('\n')) {
      throw new UserInputError(`${s.dir}: shard ${s.shard.index}/${s.shard.count} holds other keys than this firedrill's split gives it`, { hint: 'run every shard and the merge with the same firedrill version' });
    }
    for (const run of s.result.runs) {
      const other = holder.get(runKeyId(run));
      if (other) twice.push(`${formatRunKey(run)} (in ${other.dir} and ${s.dir})`);
      holder.set(runKeyId(run), s);
    }
  }
  if (twice.length) {
    throw new UserInputError(`overlapping shards: ${twice.length} key(s) held twice: ${listSome(twice)}`, { hint: 'pass each shard\'s folder once (shards 1/n to n/n of one suite never share a key)' });
  }
  const missing = plan.keys.filter((k) => !holder.has(runKeyId(k)));
  if (missing.length) throw missingKeys(missing, expected, shards);
  await copyRuns(shards, out, first);
  const result = buildSuiteResult({
    name: first.result.name,
    description: first.result.description,
    backend: first.result.backend,
    planned: plan.planned,
    scenarios: first.result.scenarios,
    stacks: first.result.stacks,
    expectations: plan.expectations,
    runs: shards.flatMap((s) => s.result.runs),
  });
  return { result, dir: out };
}

async function readShard(dir: string): Promise<ShardFolder> {
  // The file's own JSON, checked by the schema but not rebuilt by it: a schema's output lists keys
  // in its own order, and the merged suite.json must keep the shards' bytes.
  const { text } = await readSuiteResult(resolve(dir), { shards: 'allow' });
  const result = JSON.parse(text) as SuiteResult;
  if (!result.shard) {
    throw new UserInputError(`${dir} holds a whole suite's result, not a shard's (its suite.json has no "shard")`, { hint: 'merge the --out folders of `firedrill run SUITE --shard i/n`; a whole suite needs no merge' });
  }
  return { dir, result, shard: result.shard };
}

function describeShard(s: ShardFolder): string {
  return `${s.dir} is shard ${s.shard.index}/${s.shard.count} of suite "${s.result.name}" on ${s.result.backend} (plan ${s.shard.plan.id.slice(0, 12)})`;
}

function missingKeys(missing: RunKey[], expected: RunKey[][], shards: ShardFolder[]): UserInputError {
  const present = new Set(shards.map((s) => s.shard.index));
  const absent = expected.map((_, i) => i + 1).filter((i) => !present.has(i));
  const count = shards[0].shard.count;
  const which = absent.length ? `shard(s) ${absent.map((i) => `${i}/${count}`).join(', ')} not given` : 'shards given but unfinished';
  return new UserInputError(`missing runs: ${missing.length} of the suite's ${shards[0].shard.plan.planned} keys are in no folder given (${which}): ${listSome(missing.map(formatRunKey))}`, {
    hint: absent.length ? `add the --out folder of each missing shard (firedrill run SUITE --shard ${absent[0]}/${count})` : 'finish the shard with --resume, then merge again',
  });
}

/** The runs' folders into `out`, then its journal in key order: the folder of one whole suite. */
async function copyRuns(shards: ShardFolder[], out: string, first: ShardFolder): Promise<void> {
  const store = new RunStore(out, true);
  await store.open({ suite: first.result.name, backend: first.result.backend }, false);
  const runs = shards.flatMap((s) => s.result.runs.map((run) => ({ run, from: s.dir }))).sort((a, b) => compareRunKeys(a.run, b.run));
  for (const { run, from } of runs) {
    await cp(join(from, run.dir), join(out, run.dir), { recursive: true, errorOnExist: true, force: false });
    await store.journalRun(run);
  }
}

function listSome(items: readonly string[]): string {
  return items.length <= LISTED ? items.join(', ') : `${items.slice(0, LISTED).join(', ')} and ${items.length - LISTED} more`;
}
