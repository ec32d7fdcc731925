import { readFile } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { verifyAuditLog } from '../../policy/audit/index.ts';
import { FiredrillError, InfraError, UserInputError } from '../../util/errors.ts';

/**
 * `firedrill audit verify FILE [--head HASH]`: checks a policy audit log's hash chain. Exit 0
 * when it is intact (and sealed), 1 when it is broken, naming the first broken line and how
 * (edited, deleted, inserted, reordered, truncated).
 */
interface VerifyArgs {
  file: string;
  head?: string;
}

/** A broken chain is a failed expectation (exit 1), not bad input. */
class AuditChainBroken extends FiredrillError {
  constructor(message: string) {
    super(message, { exitCode: 1, hint: 'an audit log is append-only: any change after it was written breaks the chain' });
  }
}

const verifyCommand: CommandModule<object, VerifyArgs> = {
  command: 'verify <file>',
  describe: "Verify an audit log's hash chain (exit 0 intact, 1 broken)",
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'the audit log (JSONL)' })
      .option('head', { type: 'string', describe: "the head hash the run's timeline recorded (catches a log rewritten end to end)" }) as unknown as Argv<VerifyArgs>,
  handler: async (args) => {
    if (args.head !== undefined && !/^[0-9a-f]{64}$/.test(args.head)) throw new UserInputError(`--head ${JSON.stringify(args.head)} is not a SHA-256 hex digest`);
    const v = verifyAuditLog(await readLog(args.file), { head: args.head });
    if (!v.ok) throw new AuditChainBroken(`${args.file}: broken at ${v.message}`);
    process.stdout.write(`${args.file}: intact, ${v.records} records, sealed; head ${v.head}\n`);
  },
};

export const auditCommand: CommandModule = {
  command: 'audit <command>',
  describe: 'Check policy audit logs',
  builder: (y: Argv) => y.command(verifyCommand as CommandModule).demandCommand(1, 'name a subcommand: verify'),
  handler: () => {},
};

async function readLog(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserInputError(`audit log ${file} does not exist`);
    throw new InfraError(`cannot read audit log ${file}: ${(err as Error).message}`, { cause: err });
  }
}
