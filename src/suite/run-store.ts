import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJsonl, toJsonl } from '../timeline/timeline.ts';
import type { TimelineEvent } from '../timeline/events.ts';
import { UserInputError } from '../util/errors.ts';
import type { RunRecord } from '../runner/run-record.ts';
import type { TruthBucket } from '../world/truth.ts';
import type { Scorecard } from '../scoring/scorecard.ts';
import type { RunResult } from './run-result.ts';
import { runKeyId, type RunKey } from './run-key.ts';
import type { RunSummary } from './suite-result.ts';

export const JOURNAL_FILE = 'runs.jsonl';
const JOURNAL_SCHEMA = 'firedrill.journal/v1';

/** Fields of a run record that have files of their own, not a place in result.json. */
const RECORD_FILE_FIELDS = new Set(['timeline', 'truth', 'audit', 'fix']);

/** truth.jsonl's text: one bucket per line. */
export function renderTruthJsonl(truth: readonly TruthBucket[]): string {
  return truth.map((b) => JSON.stringify(b)).join('\n') + '\n';
}

/** truth.jsonl's buckets back from its text. */
export function parseTruthJsonl(text: string): TruthBucket[] {
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as TruthBucket);
}

interface JournalHeader {
  schema: typeof JOURNAL_SCHEMA;
  suite: string;
  backend: string;
  /** `--shard i/n`: the shard this folder holds (absent for a whole suite). */
  shard?: string;
}

/**
 * A suite's folder on disk, written run by run as each one finishes: the run's files
 * (timeline.jsonl, truth.jsonl, result.json; nothing in them depends on the wall clock), then one
 * line in runs.jsonl, the journal. A run is finished once its journal line is there, so a suite
 * stopped at any point keeps every finished run and `--resume` reruns only the rest (a torn last
 * line from a crash is ignored). Shards of one suite can later be merged from their journals.
 */
export class RunStore {
  constructor(readonly dir: string, private readonly journal: boolean) {}

  /**
   * Opens the folder for a suite; with `resume`, returns the runs its journal already holds.
   * Without it, a folder that already holds a suite's journal is refused rather than mixed into.
   */
  async open(header: Omit<JournalHeader, 'schema'>, resume: boolean): Promise<RunSummary[]> {
    await mkdir(this.dir, { recursive: true });
    if (!this.journal) return [];
    const file = join(this.dir, JOURNAL_FILE);
    if (!existsSync(file)) {
      if (resume) throw new UserInputError(`--resume: ${this.dir} holds no suite journal (${JOURNAL_FILE})`, { hint: 'resume with the --out folder of the suite that was stopped' });
      await writeFile(file, `${JSON.stringify({ schema: JOURNAL_SCHEMA, ...header })}\n`);
      return [];
    }
    if (!resume) throw new UserInputError(`${this.dir} already holds a suite's runs (${JOURNAL_FILE})`, { hint: 'add --resume to continue that suite, or choose another --out folder' });
    const { header: found, runs } = parseJournal(await readFile(file, 'utf8'));
    if (found?.suite !== header.suite || found.backend !== header.backend || found.shard !== header.shard) {
      const describe = (h?: Omit<JournalHeader, 'schema'>): string => `"${h?.suite}" on ${h?.backend}${h?.shard ? ` (shard ${h.shard})` : ''}`;
      throw new UserInputError(`--resume: ${this.dir} holds suite ${describe(found)}, not ${describe(header)}`);
    }
    return runs;
  }

  runDir(dirName: string): string {
    return this.journal ? join(this.dir, dirName) : this.dir;
  }

  /**
   * Writes a finished run's files, then its journal line (which marks it finished). `truthJsonl`:
   * the truth already rendered (a suite worker sends it as text, see carried-result.ts).
   */
  async writeRun(result: RunResult, key: RunKey, dirName: string, truthJsonl?: string): Promise<RunSummary> {
    const dir = this.runDir(dirName);
    await mkdir(dir, { recursive: true });
    const { record, scorecard } = result;
    await writeFile(join(dir, 'timeline.jsonl'), toJsonl(record.timeline));
    await writeFile(join(dir, 'truth.jsonl'), truthJsonl ?? renderTruthJsonl(record.truth));
    // The PR and the audit log have files of their own; result.json names them, not their text.
    // The record's other fields in their order, truth left unread (a worker's run parses it only if asked).
    const { audit, fix } = record;
    const identity = Object.fromEntries(Object.keys(record).filter((k) => !RECORD_FILE_FIELDS.has(k)).map((k) => [k, record[k as keyof RunRecord]]));
    const files = { ...(fix ? { fix: { branch: fix.branch, commit: fix.commit, pr: 'pr.md', ...(fix.github ? { github: fix.github } : {}) } } : {}), ...(audit ? { audit: 'audit.jsonl' } : {}) };
    await writeFile(join(dir, 'result.json'), JSON.stringify({ ...identity, ...files, scorecard }, null, 2) + '\n');
    if (fix) await writeFile(join(dir, 'pr.md'), fix.pr);
    if (audit) await writeFile(join(dir, 'audit.jsonl'), audit);
    const summary: RunSummary = { ...key, dir: this.journal ? dirName : '.', scorecard };
    await this.journalRun(summary);
    return summary;
  }

  /** Marks a run finished whose files are already in its folder (written here, or copied by `merge`). */
  async journalRun(summary: RunSummary): Promise<void> {
    if (this.journal) await appendFile(join(this.dir, JOURNAL_FILE), `${JSON.stringify(summary)}\n`);
  }

  /** A run that stopped before its end leaves its journal so far (ending in run.interrupted or run.failed). */
  async writeUnfinished(dirName: string, events: readonly TimelineEvent[]): Promise<void> {
    if (events.length === 0) return;
    const dir = this.runDir(dirName);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'timeline.jsonl'), toJsonl(events));
  }
}

function parseJournal(text: string): { header?: JournalHeader; runs: RunSummary[] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const parsed: unknown[] = [];
  for (const line of lines) {
    try {
      parsed.push(JSON.parse(line));
    } catch {
      // A torn line: the process died while appending it; that run is simply run again.
    }
  }
  const [header, ...runs] = parsed as [JournalHeader | undefined, ...RunSummary[]];
  const unique = new Map(runs.map((r) => [runKeyId(r), r]));
  return { header: header?.schema === JOURNAL_SCHEMA ? header : undefined, runs: [...unique.values()] };
}

/** A finished run's files read back (for charts of runs finished by an earlier, resumed process). */
export async function readRunFiles(dir: string): Promise<{ record: Omit<RunRecord, 'timeline' | 'truth' | 'audit' | 'fix'> & { scorecard: Scorecard }; timeline: TimelineEvent[]; truth: TruthBucket[] }> {
  const [result, timeline, truth] = await Promise.all([
    readFile(join(dir, 'result.json'), 'utf8'),
    readFile(join(dir, 'timeline.jsonl'), 'utf8'),
    readFile(join(dir, 'truth.jsonl'), 'utf8'),
  ]);
  return {
    record: JSON.parse(result),
    timeline: parseJsonl(timeline),
    truth: parseTruthJsonl(truth),
  };
}
