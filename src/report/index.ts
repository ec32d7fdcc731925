import { ConsoleReporter } from './console-reporter.ts';
import { FilesReporter } from './files-reporter.ts';
import { HtmlReporter } from './html-reporter.ts';
import { JsonReporter, SUITE_JSON } from './json-reporter.ts';
import type { Reporter } from './reporter.ts';
import { JunitReporter, MarkdownReporter } from './suite-file-reporters.ts';

/** The suite-level file each reporter writes into the suite's folder. */
export const REPORT_FILES: Record<string, string> = {
  json: SUITE_JSON,
  markdown: MarkdownReporter.file,
  html: HtmlReporter.file,
  junit: JunitReporter.file,
};

/**
 * Reporters by name (vitest's pattern): `--reporter console,json,junit,markdown,html`.
 * The console lists the files the others write.
 */
export const REPORTERS: Record<string, (chosen: readonly string[]) => Reporter> = {
  console: (chosen) => new ConsoleReporter(undefined, chosen.filter((n) => n in REPORT_FILES).map((n) => REPORT_FILES[n])),
  files: () => new FilesReporter(),
  json: () => new JsonReporter(),
  markdown: () => new MarkdownReporter(),
  html: () => new HtmlReporter(),
  junit: () => new JunitReporter(),
};

/** Without --reporter: a single run prints and writes its summary; a suite also writes every report. */
export const DEFAULT_REPORTERS = { run: ['console', 'files'], suite: ['console', 'files', 'json', 'markdown', 'html', 'junit'] };

export type { Reporter, RunInfo } from './reporter.ts';
export type { RunResult } from './run-result.ts';
export { ConsoleReporter, FilesReporter, JsonReporter, HtmlReporter, MarkdownReporter, JunitReporter };
export { formatTime, doraTier } from './format.ts';
export { renderSuiteMarkdown } from './suite-markdown.ts';
export { renderJunitXml } from './junit-xml.ts';
export { renderSuiteHtml } from './suite-html.ts';
export { renderComparisonMarkdown } from './compare-markdown.ts';
export { renderComparisonText } from './compare-console.ts';
