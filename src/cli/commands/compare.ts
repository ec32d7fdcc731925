import { writeFile } from 'node:fs/promises';
import type { CommandModule } from 'yargs';
import { COMMAND_USAGE } from '../command-table.ts';
import { compareSuites, readSuiteResult } from '../../suite/index.ts';
import { renderComparisonMarkdown, renderComparisonText } from '../../report/index.ts';
import { UserInputError } from '../../util/errors.ts';
import { resolveSuiteResult } from '../paths.ts';

interface CompareArgs {
  baseline: string;
  current: string;
  markdown?: string;
  json?: string;
  tolerance: string;
  confidence: number;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  ...COMMAND_USAGE.compare,
  builder: (y) =>
    y
      .positional('baseline', { type: 'string', demandOption: true, describe: 'The blessed result: a suite.json, its folder, or a name under ./baselines' })
      .positional('current', { type: 'string', demandOption: true, describe: 'The result to judge: a suite.json or its folder' })
      .option('markdown', { type: 'string', describe: 'Also write the diff as Markdown (for a PR comment) to this file' })
      .option('json', { type: 'string', describe: 'Also write the comparison as JSON to this file' })
      .option('tolerance', { type: 'string', default: '10%', describe: 'Smallest change of a time or share that counts, relative to the baseline' })
      .option('confidence', { type: 'number', default: 0.95, describe: 'Confidence of the intervals (Wilson for rates, bootstrap for times)' }) as never,
  handler: async (args) => {
    const tolerance = parseShare(args.tolerance, '--tolerance');
    if (!(args.confidence > 0.5 && args.confidence < 1)) throw new UserInputError(`--confidence must be between 0.5 and 1, got ${args.confidence}`);
    const [baseline, current] = await Promise.all([readSuiteResult(resolveSuiteResult(args.baseline)), readSuiteResult(resolveSuiteResult(args.current))]);
    const comparison = compareSuites(baseline.result, current.result, { tolerance, confidence: args.confidence });
    process.stdout.write(renderComparisonText(comparison));
    if (args.markdown) await writeFile(args.markdown, renderComparisonMarkdown(comparison));
    if (args.json) await writeFile(args.json, `${JSON.stringify(comparison, null, 2)}\n`);
    process.exitCode = comparison.verdict === 'regressed' ? 1 : 0;
  },
};

/** `10%` or `0.1`. */
function parseShare(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  const value = m ? Number(m[1]) / (m[2] ? 100 : 1) : Number.NaN;
  if (!(value >= 0 && value < 10)) throw new UserInputError(`${flag} must be a share such as 10% or 0.1, got "${text}"`);
  return value;
}
