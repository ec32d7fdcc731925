import type { Argv, CommandModule } from 'yargs';

/**
 * Every command's usage line and description, apart from its code: `firedrill --help` lists them
 * all while loading none, and a run loads only the module of the command it names (a start
 * without the engine, faker or zod is what makes `--help` and `list` fast).
 */
export const COMMAND_USAGE = {
  run: { command: 'run <scenarios..>', describe: 'Run drills and print their scorecards' },
  validate: { command: 'validate <files..>', describe: 'Check scenario, stack, suite, Argo Rollouts and Prometheus rule files (folders are searched for .yaml and .yml files)' },
  list: { command: 'list', describe: 'List the built-in scenarios and stacks' },
  conformance: { command: 'conformance <suite> <file>', describe: 'Check the built-in engine against a conformance case file (suite: argo)' },
  promql: { command: 'promql <command>', describe: 'Query series files with the embedded PromQL engine' },
  audit: { command: 'audit <command>', describe: 'Check a policy audit log (audit verify FILE): intact, or the first broken record and how' },
  compare: { command: 'compare <baseline> <current>', describe: 'Compare two suite results (suite.json, a suite folder, or a saved baseline name); exit 1 on a regression beyond the noise' },
  baseline: { command: 'baseline <command>', describe: 'Manage blessed suite results for `compare` (baseline save RESULT)' },
  cluster: { command: 'cluster <command>', describe: 'Bring the local control plane with the real Argo Rollouts controller up, down, or show its status' },
} as const;

type CommandName = keyof typeof COMMAND_USAGE;
// Each command has its own argument type; yargs takes them all.
type AnyCommand = CommandModule<any, any>;

const LOADERS: Record<CommandName, () => Promise<AnyCommand>> = {
  run: async () => (await import('./commands/run.ts')).runCommand,
  validate: async () => (await import('./commands/validate.ts')).validateCommand,
  list: async () => (await import('./commands/list.ts')).listCommand,
  conformance: async () => (await import('./commands/conformance.ts')).conformanceCommand,
  promql: async () => (await import('./commands/promql.ts')).promqlCommand,
  audit: async () => (await import('./commands/audit.ts')).auditCommand,
  compare: async () => (await import('./commands/compare.ts')).compareCommand,
  baseline: async () => (await import('./commands/baseline.ts')).baselineCommand,
  cluster: async () => (await import('./commands/cluster.ts')).clusterCommand,
};

/**
 * Registers the command that argv names with its full module, and every other one as a usage line
 * only (enough for the command list in `--help`). The first word that is not an option names the
 * command: firedrill's only global options (--debug, --help, --version) take no value.
 */
export async function registerCommands(y: Argv, argv: readonly string[]): Promise<Argv> {
  const invoked = argv.find((a) => !a.startsWith('-'));
  for (const name of Object.keys(COMMAND_USAGE) as CommandName[]) {
    const usage = COMMAND_USAGE[name];
    y = name === invoked ? y.command(await LOADERS[name]()) : y.command(usage.command, usage.describe);
  }
  return y;
}
