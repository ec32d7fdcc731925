import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { marked } from 'marked';
import { toJsonl } from '../timeline/timeline.ts';
import type { TimelineEvent } from '../timeline/events.ts';
import type { Reporter } from './reporter.ts';
import type { RunResult } from './run-result.ts';
import { renderSummaryMarkdown } from './summary-markdown.ts';
import { renderPostmortem } from './postmortem.ts';

/**
 * Writes a run's files: timeline.jsonl (the journal), truth.jsonl (per-second user outcomes),
 * result.json (scorecard and run identity, without the wall-clock run id), summary.md and summary.html. Nothing in them depends
 * on the wall clock, so the same seed gives the same bytes. A run that stops before it finishes
 * (Ctrl-C, a process that died) leaves its journal so far: timeline.jsonl, ending in
 * `run.interrupted` or `run.failed`, and nothing scored.
 */
export class FilesReporter implements Reporter {
  private events: TimelineEvent[] = [];

  onRunStart(): void {
    this.events = [];
  }

  onEvent(event: TimelineEvent): void {
    this.events.push(event);
  }

  async onRunFailed(_info: unknown, _error: unknown, dir: string): Promise<void> {
    if (this.events.length === 0) return;
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'timeline.jsonl'), toJsonl(this.events));
    this.events = [];
  }

  async onRunEnd(result: RunResult, dir: string): Promise<void> {
    this.events = [];
    await mkdir(dir, { recursive: true });
    const { record, scorecard } = result;
    await writeFile(join(dir, 'timeline.jsonl'), toJsonl(record.timeline));
    await writeFile(join(dir, 'truth.jsonl'), record.truth.map((b) => JSON.stringify(b)).join('\n') + '\n');
    // The PR and the audit log have files of their own; result.json names them, not their text.
    const { timeline: _t, truth: _u, audit, fix, ...identity } = record;
    const files = { ...(fix ? { fix: { branch: fix.branch, commit: fix.commit, pr: 'pr.md', ...(fix.github ? { github: fix.github } : {}) } } : {}), ...(audit ? { audit: 'audit.jsonl' } : {}) };
    await writeFile(join(dir, 'result.json'), JSON.stringify({ ...identity, ...files, scorecard }, null, 2) + '\n');
    if (fix) await writeFile(join(dir, 'pr.md'), fix.pr);
    if (audit) await writeFile(join(dir, 'audit.jsonl'), audit);
    if (scorecard.fix?.proposed) await writeFile(join(dir, 'postmortem.md'), renderPostmortem(result));
    const markdown = renderSummaryMarkdown(result);
    await writeFile(join(dir, 'summary.md'), markdown);
    const body = await marked.parse(markdown);
    await writeFile(join(dir, 'summary.html'), htmlPage(`firedrill: ${record.scenario.name} × ${record.stack.name}`, body));
  }
}

function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}code{background:#f4f4f4}</style>
</head><body>
${body}
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
