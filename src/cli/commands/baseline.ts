import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { CommandModule } from 'yargs';
import { COMMAND_USAGE } from '../command-table.ts';
import { readSuiteResult } from '../../suite/index.ts';
import { UserInputError } from '../../util/errors.ts';
import { resolveBaselinesDir } from '../paths.ts';

interface SaveArgs {
  result: string;
  name?: string;
  dir?: string;
}

const saveCommand: CommandModule<object, SaveArgs> = {
  command: 'save <result>',
  describe: 'Bless a suite result: store it as the baseline `compare` judges later results against',
  builder: (y) =>
    y
      .positional('result', { type: 'string', demandOption: true, describe: 'A suite.json or the suite folder holding it' })
      .option('name', { type: 'string', describe: "The baseline's name (default: the suite's name)" })
      .option('dir', { type: 'string', describe: 'Where baselines are kept (default ./baselines; commit it)' }) as never,
  handler: async (args) => {
    const { file, result, text } = await readSuiteResult(args.result);
    if (result.runs.length < result.planned) {
      throw new UserInputError(`${file}: only ${result.runs.length} of ${result.planned} planned runs finished`, { hint: 'finish the suite first (firedrill run SUITE --out DIR --resume)' });
    }
    const name = args.name ?? result.name;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new UserInputError(`baseline name "${name}" must be letters, digits, dots, dashes and underscores`);
    const dir = args.dir ?? resolveBaselinesDir();
    await mkdir(dir, { recursive: true });
    const target = join(dir, `${name}.json`);
    // The result as it was written (not re-serialized): scorecard parts this version does not know are kept.
    await writeFile(target, text);
    process.stdout.write(`saved baseline "${name}" (${result.runs.length} runs of suite ${result.name} on ${result.backend}, ${result.verdict}) to ${relative(process.cwd(), target).startsWith('..') ? target : relative(process.cwd(), target)}\n`);
  },
};

export const baselineCommand: CommandModule = {
  ...COMMAND_USAGE.baseline,
  builder: (y) => y.command(saveCommand).demandCommand(1, 'name a baseline command: save'),
  handler: () => {},
};
