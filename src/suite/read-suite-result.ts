import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readText } from '../scenario/load-config-file.ts';
import { UserInputError } from '../util/errors.ts';
import { suiteResultSchema } from './result-schemas.ts';
import type { SuiteResult } from './suite-result.ts';

/**
 * A suite.json (or a suite's folder holding one), checked against its schema; also its text as
 * written. A shard's result is refused unless `shards` allows it: it holds part of a suite, and
 * judging or comparing it alone would compare a part with a whole.
 */
export async function readSuiteResult(path: string, opts: { shards?: 'allow' } = {}): Promise<{ file: string; result: SuiteResult; text: string }> {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'suite.json') : path;
  if (!existsSync(file)) {
    throw new UserInputError(`${file}: no such suite result`, { hint: 'pass a suite.json, the folder a suite wrote (--out), or the name of a baseline saved under ./baselines' });
  }
  const text = await readText(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserInputError(`${file}: not JSON (${(err as Error).message})`);
  }
  const parsed = suiteResultSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UserInputError(`${file}: not a firedrill suite result (${first.path.join('.') || '<root>'}: ${first.message})`, {
      hint: 'pass the suite.json a suite run wrote (reporter json), or its folder',
    });
  }
  const shard = parsed.data.shard;
  if (shard && opts.shards !== 'allow') {
    throw new UserInputError(`${file}: shard ${shard.index}/${shard.count} of suite "${parsed.data.name}", not a whole suite's result`, {
      hint: 'merge the shards first (firedrill merge SHARD_DIR... --out DIR), then use the merged folder',
    });
  }
  return { file, result: parsed.data, text };
}
