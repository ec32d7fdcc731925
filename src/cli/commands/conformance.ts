import type { CommandModule } from 'yargs';
import { runConformanceFile, type ConformanceReport } from '../../rollout/analysis/conformance/index.ts';
import { UserInputError } from '../../util/errors.ts';
import { COMMAND_USAGE } from '../command-table.ts';

interface ConformanceArgs {
  suite: string;
  file: string;
}

/**
 * `firedrill conformance argo FILE`: runs an Argo analysis case file (the format of
 * ../shared/conformance/argo/analysis-cases.json) against the built-in engine. Prints passed/failed
 * per case kind and every failure's expected vs actual; exit 0 when all pass, 1 otherwise.
 */
export const conformanceCommand: CommandModule<object, ConformanceArgs> = {
  ...COMMAND_USAGE.conformance,
  builder: (y) =>
    y
      .positional('suite', { type: 'string', choices: ['argo'], demandOption: true, describe: 'Which semantics' })
      .positional('file', { type: 'string', demandOption: true, describe: 'Case file, e.g. ../shared/conformance/argo/analysis-cases.json' }) as never,
  handler: async (args) => {
    if (args.suite !== 'argo') {
      throw new UserInputError(`unknown conformance suite "${args.suite}"`, { hint: 'the only suite is argo: firedrill conformance argo FILE' });
    }
    const report = await runConformanceFile(args.file);
    process.stdout.write(formatConformanceReport(report));
    process.exitCode = report.passed ? 0 : 1;
  },
};

export function formatConformanceReport(report: ConformanceReport): string {
  const lines = [`conformance argo ${report.file}`];
  for (const [kind, { passed, failed }] of Object.entries(report.byKind)) {
    if (passed + failed === 0) continue;
    lines.push(`  ${kind.padEnd(9)} ${String(passed).padStart(3)} passed  ${String(failed).padStart(3)} failed`);
  }
  const failures = report.results.filter((r) => !r.passed);
  for (const f of failures) {
    lines.push(`FAIL ${f.id} (${f.kind})`);
    for (const m of f.mismatches) {
      lines.push(`  ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
    }
    if (f.error) lines.push(`  error: ${f.error.split('\n')[0]}`);
  }
  const total = report.results.length;
  lines.push(failures.length === 0 ? `all ${total} cases passed` : `${failures.length} of ${total} cases failed`);
  return `${lines.join('\n')}\n`;
}
