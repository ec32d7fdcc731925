import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { reportError } from './error-boundary.ts';
import { listCommand } from './commands/list.ts';
import { runCommand } from './commands/run.ts';
import { validateCommand } from './commands/validate.ts';
import { conformanceCommand } from './commands/conformance.ts';
import { promqlCommand } from './commands/promql.ts';

/**
 * firedrill's command line. Commands do the work and throw FiredrillErrors; this file is the only
 * place that prints them and picks the exit code (0 pass, 1 expectations failed, 2 invalid input,
 * 3 infrastructure).
 */
const argv = hideBin(process.argv);
const debug = argv.includes('--debug');

try {
  await yargs(argv)
    .scriptName('firedrill')
    .usage('$0 <command> [options]\n\nFire drills for CI/CD auto-remediation.')
    .command(runCommand)
    .command(validateCommand)
    .command(listCommand)
    .command(conformanceCommand)
    .command(promqlCommand)
    .command((await import('./commands/audit.ts')).auditCommand)
    .option('debug', { type: 'boolean', describe: 'Show stack traces' })
    .demandCommand(1, 'name a command: run, validate or list')
    .strict()
    .fail((msg, err, y) => {
      if (err) throw err;
      process.stderr.write(`${y.help()}\n\nerror: ${msg}\n`);
      process.exit(2);
    })
    .help()
    .parseAsync();
} catch (err) {
  process.exitCode = reportError(err, debug);
}
