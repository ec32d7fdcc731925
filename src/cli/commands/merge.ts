import type { CommandModule } from 'yargs';
import { join, resolve } from 'node:path';
import { COMMAND_USAGE } from '../command-table.ts';
import { mergeShards } from '../../suite/index.ts';
import { REPORTERS } from '../../report/index.ts';
import { parseReporterNames } from '../run-drills.ts';
import { resolveReportsDir } from '../paths.ts';

interface MergeArgs {
  dirs: string[];
  out?: string;
  reporter?: string[];
}

/** The suite-level reports a merge writes by default (per-run files came with the shards' runs). */
const MERGE_REPORTERS = ['console', 'json', 'markdown', 'html', 'junit'];

export const mergeCommand: CommandModule<object, MergeArgs> = {
  ...COMMAND_USAGE.merge,
  builder: (y) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'The --out folders of `firedrill run SUITE --shard i/n`, one per shard' })
      .option('out', { type: 'string', describe: 'Folder of the merged suite (default ./reports/<suite>-merged-<time>/); must be new or empty' })
      .option('reporter', { type: 'string', array: true, describe: `Reporters run on the merged result, comma-separated or repeated (default: ${MERGE_REPORTERS.join(',')}; json is always written)` }) as never,
  handler: async (args) => {
    const names = parseReporterNames(args.reporter, MERGE_REPORTERS);
    if (!names.includes('json')) names.push('json');
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
    const { result, dir } = await mergeShards(args.dirs, (name) => (args.out ? resolve(args.out) : join(resolveReportsDir(), `${name}-merged-${stamp}`)));
    for (const reporter of names.map((n) => REPORTERS[n](names))) await reporter.onSuiteEnd?.(result, dir);
    // The merged suite is judged like an unsharded one: exit 1 when an expectation failed.
    process.exitCode = result.verdict === 'pass' ? 0 : 1;
  },
};
