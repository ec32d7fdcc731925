import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { marked } from 'marked';
import type { Reporter } from './reporter.ts';
import type { RunResult } from './run-result.ts';
import { renderSummaryMarkdown } from './summary-markdown.ts';
import { htmlPage } from './html-page.ts';
import { renderPostmortem } from './postmortem.ts';

/**
 * Each run's readable summary beside its data: summary.md and summary.html. (The data itself,
 * timeline.jsonl, truth.jsonl, result.json, pr.md and audit.jsonl, is written by the suite's run store whatever the
 * reporters, and kept, up to the stop, for a run that did not finish.) Nothing here depends on
 * the wall clock, so the same seed gives the same bytes.
 */
export class FilesReporter implements Reporter {
  async onRunEnd(result: RunResult, dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    if (result.scorecard.fix?.proposed) await writeFile(join(dir, 'postmortem.md'), renderPostmortem(result));
    const markdown = renderSummaryMarkdown(result);
    await writeFile(join(dir, 'summary.md'), markdown);
    const body = await marked.parse(markdown);
    await writeFile(join(dir, 'summary.html'), htmlPage(`firedrill: ${result.record.scenario.name} × ${result.record.stack.name}`, body));
  }
}
