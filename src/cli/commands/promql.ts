import { readFile } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { WallClock } from '../../clock/index.ts';
import { startPromApiServer } from '../../metrics/api-server/server.ts';
import { EmbeddedMetricSource } from '../../metrics/embedded-source.ts';
import { PromqlEngine } from '../../metrics/promql/engine.ts';
import { parseDurationLiteral } from '../../metrics/promql/parse/literals.ts';
import { toPrometheusData } from '../../metrics/prometheus-json.ts';
import { loadSeriesFile } from '../../metrics/series-file/series-file.ts';
import type { Tsdb } from '../../metrics/tsdb.ts';
import { InfraError, UserInputError } from '../../util/index.ts';
import { COMMAND_USAGE } from '../command-table.ts';

/**
 * `firedrill promql eval --series FILE --at T 'EXPR'` (or `--range START:END:STEP`): evaluates
 * PromQL with the embedded engine over a series file and prints what Prometheus's
 * /api/v1/query(_range) returns as `data`, so the output compares with a real server's as is.
 * `firedrill promql serve --series FILE` serves that data on a Prometheus-compatible API.
 */
interface EvalArgs {
  series: string;
  at?: string;
  range?: string;
  expr: string;
}

interface ServeArgs {
  series: string;
  port: number;
}

const evalCommand: CommandModule<object, EvalArgs> = {
  command: 'eval <expr>',
  describe: 'Evaluate a PromQL expression over a series file (OpenMetrics text or `load` notation)',
  builder: (y: Argv) =>
    y
      .positional('expr', { type: 'string', demandOption: true, describe: 'the PromQL expression' })
      .option('series', { type: 'string', demandOption: true, describe: 'OpenMetrics text (timestamps in seconds) or Prometheus test-file `load` blocks' })
      .option('at', { type: 'string', describe: 'instant query time: Unix seconds, a duration from 0 (50m), or RFC 3339' })
      .option('range', { type: 'string', describe: 'range query START:END:STEP (seconds or durations, e.g. 0:1h:1m)' })
      .conflicts('at', 'range') as unknown as Argv<EvalArgs>,
  handler: async (args) => {
    const engine = new PromqlEngine(await readSeries(args.series));
    let result;
    if (args.range !== undefined) {
      const parts = args.range.split(':');
      if (parts.length !== 3) throw new UserInputError(`--range ${JSON.stringify(args.range)} is not START:END:STEP`, { hint: 'e.g. --range 0:30m:15s' });
      const [start, end, step] = parts.map((p, i) => parseTimeArg(p, ['START', 'END', 'STEP'][i], false));
      result = engine.rangeQuery(args.expr, start, end, step);
    } else {
      if (args.at === undefined) throw new UserInputError('give --at T (instant query) or --range START:END:STEP (range query)');
      result = engine.instantQuery(args.expr, parseTimeArg(args.at, '--at', true));
    }
    for (const w of result.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
    process.stdout.write(`${JSON.stringify(toPrometheusData(result))}\n`);
  },
};

const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'Serve a series file on a Prometheus-compatible HTTP API (127.0.0.1) until interrupted',
  builder: (y: Argv) =>
    y
      .option('series', { type: 'string', demandOption: true, describe: 'OpenMetrics text or `load` notation' })
      .option('port', { type: 'number', default: 9090, describe: 'port on 127.0.0.1 (0 = any free port)' }) as unknown as Argv<ServeArgs>,
  handler: async (args) => {
    const server = await startPromApiServer({ source: new EmbeddedMetricSource(await readSeries(args.series)), clock: new WallClock(), port: args.port });
    process.stdout.write(`serving ${args.series} on ${server.url} (Prometheus HTTP API); Ctrl-C to stop\n`);
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    await server.close();
  },
};

export const promqlCommand: CommandModule = {
  ...COMMAND_USAGE.promql,
  builder: (y: Argv) => y.command(evalCommand as CommandModule).command(serveCommand as CommandModule).demandCommand(1, 'name a subcommand: eval or serve'),
  handler: () => {},
};

async function readSeries(file: string): Promise<Tsdb> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserInputError(`series file ${file} does not exist`);
    throw new InfraError(`cannot read series file ${file}: ${(err as Error).message}`, { cause: err });
  }
  return loadSeriesFile(text, file);
}

/** Unix seconds, a duration (from time 0, as in Prometheus test files), or RFC 3339 (ms). */
function parseTimeArg(text: string, name: string, allowDate: boolean): number {
  const t = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const d = parseDurationLiteral(t);
  if (d !== undefined) return d;
  if (allowDate && /^\d{4}-\d{2}-\d{2}T/.test(t) && !Number.isNaN(Date.parse(t))) return Date.parse(t);
  throw new UserInputError(`${name} ${JSON.stringify(text)} is not a time`, { hint: 'use Unix seconds (1700000000.5), a duration from 0 (50m) or RFC 3339' });
}
