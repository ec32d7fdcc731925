import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteResult } from '../suite/index.ts';
import type { Reporter } from './reporter.ts';
import { renderJunitXml } from './junit-xml.ts';
import { renderSuiteMarkdown } from './suite-markdown.ts';

/** report.md: ready for `>> $GITHUB_STEP_SUMMARY` and a PR comment. */
export class MarkdownReporter implements Reporter {
  static readonly file = 'report.md';
  async onSuiteEnd(suite: SuiteResult, dir: string): Promise<void> {
    await writeFile(join(dir, MarkdownReporter.file), renderSuiteMarkdown(suite));
  }
}

/** junit.xml: one testcase per scenario x stack, failing where an expectation failed. */
export class JunitReporter implements Reporter {
  static readonly file = 'junit.xml';
  async onSuiteEnd(suite: SuiteResult, dir: string): Promise<void> {
    await writeFile(join(dir, JunitReporter.file), renderJunitXml(suite));
  }
}
